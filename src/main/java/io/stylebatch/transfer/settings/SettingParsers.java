package io.stylebatch.transfer.settings;

import io.stylebatch.model.Vgg19Layer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Converters from what a setting's value arrives as — a string (manifest cell, {@code --set}) or a parsed
 * HOCON value (number, boolean, list) — to its Java type. Numbers follow the plain decimal grammar that
 * CSV, JSON and HOCON share; Java-only literals such as {@code 0x10p0}, {@code 5d} or {@code NaN} are
 * refused, so a manifest means the same thing to every tool that reads it.
 */
final class SettingParsers {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INTEGRAL = Pattern.compile("[+-]?\\d+(\\.0*)?");

  private SettingParsers() {}

  static final Function<Object, Integer> INT = raw -> {
    long v = integral(raw, "a whole number");
    if (v != (int) v) {
      throw new IllegalArgumentException("'" + text(raw) + "' is out of range");
    }
    return (int) v;
  };
  static final Function<Object, Long> LONG = raw -> integral(raw, "a whole number");
  static final Function<Object, Double> DOUBLE = SettingParsers::decimal;
  static final Function<Object, Boolean> BOOLEAN = raw -> {
    String v = text(raw).toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.valueOf(v);
    }
    throw new IllegalArgumentException("'" + text(raw) + "' is not true or false");
  };
  static final Function<Object, List<Vgg19Layer>> LAYERS = raw -> list(raw).stream()
      .map(o -> Vgg19Layer.parse(text(o))).toList();
  static final Function<Object, List<Double>> DECIMALS = raw -> list(raw).stream().map(SettingParsers::decimal).toList();

  static <E extends Enum<E>> Function<Object, E> enumOf(Class<E> type) {
    return raw -> {
      String v = text(raw);
      try {
        return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + v + "' is not one of " + Arrays.stream(type.getEnumConstants())
            .map(x -> x.name().toLowerCase(Locale.ROOT)).toList());
      }
    };
  }

  private static long integral(Object raw, String what) {
    if (raw instanceof Integer || raw instanceof Long) {
      return ((Number) raw).longValue();
    }
    String v = text(raw);
    if (raw instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15) {
      return d.longValue();
    }
    if (!INTEGRAL.matcher(v).matches()) {
      throw new IllegalArgumentException("'" + v + "' is not " + (DECIMAL.matcher(v).matches() ? what : "a number"));
    }
    String digits = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
    try {
      return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + v + "' is out of range");
    }
  }

  private static double decimal(Object raw) {
    if (raw instanceof Number n) {
      return n.doubleValue();
    }
    String v = text(raw);
    if (!DECIMAL.matcher(v).matches()) {
      throw new IllegalArgumentException("'" + v + "' is not a number");
    }
    return Double.parseDouble(v);
  }

  private static List<?> list(Object raw) {
    if (raw instanceof List<?> l) {
      return l;
    }
    String v = text(raw);
    if (v.startsWith("[") && v.endsWith("]")) {
      v = v.substring(1, v.length() - 1);
    }
    return v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).toList();
  }

  private static String text(Object raw) {
    return String.valueOf(raw).trim();
  }
}
