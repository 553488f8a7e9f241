/**
 * Configuration: Typesafe Config layered as reference.conf, then an optional file, then
 * {@code --set key=value} overrides; turned once into immutable, validated settings objects.
 */
package io.stylebatch.config;
