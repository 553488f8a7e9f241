package io.stylebatch.job;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Captures every log event of this JVM (Spark's and ours, with stack traces) while installed. */
final class LogCapture extends AbstractAppender implements AutoCloseable {
  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

  private LogCapture() {
    super("stylebatch-test-capture", null, null, true, Property.EMPTY_ARRAY);
  }

  static LogCapture install() {
    LogCapture capture = new LogCapture();
    capture.start();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
    ctx.updateLoggers();
    return capture;
  }

  @Override
  public void append(LogEvent event) {
    StringBuilder b = new StringBuilder(event.getLoggerName()).append(": ")
        .append(event.getMessage().getFormattedMessage());
    if (event.getThrown() != null) {
      StringWriter w = new StringWriter();
      event.getThrown().printStackTrace(new PrintWriter(w));
      b.append('\n').append(w);
    }
    lines.add(b.toString());
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().removeAppender(getName());
    ctx.updateLoggers();
    stop();
  }
}
