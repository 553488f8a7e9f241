/**
 * Pixels in and out: decoding PNG/JPEG into sRGB, resizing, the VGG (Caffe-style BGR, mean-subtracted)
 * preprocessing and its inverse, luminance-only colour preservation, and PNG encoding.
 */
package io.stylebatch.image;
