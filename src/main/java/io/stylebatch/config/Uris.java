package io.stylebatch.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials in URIs ({@code s3a://KEY:SECRET@bucket/key}): found so they can be refused up front, and
 * masked wherever a URI is printed. Every log line, table value, report and message that shows a URI given
 * by a user goes through {@link #redact}; nothing else decides what a secret in a URI looks like.
 */
public final class Uris {
  /** {@code scheme://userinfo@}: everything between the authority's start and the last '@' before a '/'. */
  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)@");

  private Uris() {}

  /** {@code uri} with any user info replaced by {@code ***}; null stays null. */
  public static String redact(String uri) {
    if (uri == null) {
      return null;
    }
    Matcher m = USER_INFO.matcher(uri);
    return m.find() ? m.group(1) + "***@" + uri.substring(m.end()) : uri;
  }

  /** Every URI-looking token of a free text (an exception message, say) with its user info masked. */
  public static String redactText(String text) {
    if (text == null) {
      return null;
    }
    return Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/?#\\s@]*)@").matcher(text).replaceAll("$1***@");
  }

  /**
   * Why {@code uri} may not be used, if it carries user info: "credentials in a URI are refused (…)", with
   * the URI masked. Credentials belong in Hadoop's credential providers, never in a manifest or a setting.
   */
  public static Optional<String> credentialProblem(String uri) {
    if (uri == null || !USER_INFO.matcher(uri).find()) {
      return Optional.empty();
    }
    return Optional.of("'" + redact(uri) + "' carries credentials (user info before '@'), which are refused: "
        + "give them through Hadoop's credential providers or the environment, never in a URI");
  }
}
