package io.stylebatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylebatch.job.ExitCode;
import io.stylebatch.job.JobArguments;
import io.stylebatch.job.RunSummary;
import io.stylebatch.job.SparkTestBase;
import io.stylebatch.job.StyleBatchJob;
import io.stylebatch.model.KerasWeightsFile;
import io.stylebatch.model.Vgg19Weights;
import io.stylebatch.tools.KerasWeightsWriter;
import io.stylebatch.tools.RandomWeights;
import io.stylebatch.tools.SyntheticImages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report of a real run in headless Chromium (Debian's package; .ci/run installs it) through
 * the DevTools protocol: every image must have loaded, the pair rows must match results/, and a
 * screenshot is written to target/report-screenshot.png.
 */
class ReportChromiumIT extends SparkTestBase {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void reportLoadsEveryImageAndListsEveryPair() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    if (!Files.isExecutable(CHROMIUM)) {
      Assertions.assertFalse(ci, "CI must have Chromium (.ci/run installs it)");
      Assumptions.abort("Chromium not installed (apt-get install chromium)");
    }
    Path weights = dir.resolve("w.h5");
    try (Vgg19Weights w = RandomWeights.create(8, 4)) {
      KerasWeightsWriter.write(weights, w, KerasWeightsFile.Naming.LEGACY, true);
    }
    // One pair per web format, by the manifest's per-row override: PNG (the default), JPEG and WebP.
    StringBuilder csv = new StringBuilder("id,content_uri,style_uri,output_format\n");
    Path style = dir.resolve("style.png");
    Files.write(style, io.stylebatch.image.ImageCodec.encodePng(SyntheticImages.painting(48, 48, 1)));
    String[] formats = {"", "jpeg", "webp"};
    for (int i = 0; i < 3; i++) {
      Path c = dir.resolve("c" + i + ".png");
      Files.write(c, io.stylebatch.image.ImageCodec.encodePng(SyntheticImages.photo(60, 40, i)));
      csv.append("pair-").append(i).append(',').append(c).append(',').append(style).append(',').append(formats[i])
          .append('\n');
    }
    csv.append("broken,").append(dir.resolve("missing.png")).append(',').append(style).append(",\n");
    Path manifest = Files.writeString(dir.resolve("m.csv"), csv.toString());
    Path out = dir.resolve("out");
    RunSummary summary = StyleBatchJob.run(spark(), JobArguments.of(manifest.toString(), out.toString(), null,
        List.of("stylebatch.model.weights=" + weights, "stylebatch.transfer.image-size=32",
            "stylebatch.transfer.iterations=6", "stylebatch.transfer.log-interval=2")));
    assertEquals(ExitCode.TOO_MANY_FAILURES, summary.exitCode());
    Path report = out.resolve("report/index.html");
    Assertions.assertTrue(Files.isRegularFile(report));

    Set<String> expectedRows = new TreeSet<>();
    for (Row r : spark().read().parquet(out.resolve("results").toString()).collectAsList()) {
      expectedRows.add(r.getAs("id") + "|" + r.getAs("status"));
    }

    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + dir.resolve("chromium-profile"), "--remote-debugging-port=0",
        "--remote-debugging-address=127.0.0.1", "about:blank").redirectErrorStream(true).start();
    try (Cdp cdp = Cdp.connect(chromium)) {
      cdp.call("Page.navigate", Map.of("url", report.toUri().toString()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!cdp.evaluate("document.readyState === 'complete' && document.URL.startsWith('file:') && "
          + "Array.from(document.images).every(i => i.complete)").asBoolean()) {
        Assertions.assertTrue(System.nanoTime() < deadline, "report did not finish loading");
        Thread.sleep(100);
      }
      JsonNode list = JSON.readTree(cdp.evaluate(
          "JSON.stringify(Array.from(document.images).map(i => [i.alt, i.naturalWidth]))").asText());
      // 3 succeeded pairs x (content, style, result, chart), the failed pair's style, and the run chart.
      Assertions.assertTrue(list.size() >= 14, "images in the report: " + list);
      for (JsonNode img : list) {
        Assertions.assertTrue(img.get(1).asInt() > 0, "image did not load: " + img);
      }
      // The full images behind the thumbnails, one per format, open in the browser.
      JsonNode links = JSON.readTree(cdp.evaluate("JSON.stringify(Array.from(document.querySelectorAll("
          + "'a[title=\"full image\"]')).map(a => a.getAttribute('href')))").asText());
      assertEquals(List.of("../images/pair-0.png", "../images/pair-1.jpg", "../images/pair-2.webp"),
          JSON.convertValue(links, List.class), "links follow each pair's output format");
      cdp.evaluate("window.loaded = {}; Array.from(document.querySelectorAll('a[title=\"full image\"]')).forEach(a => {"
          + " const i = new Image(); i.onload = () => window.loaded[a.getAttribute('href')] = i.naturalWidth;"
          + " i.onerror = () => window.loaded[a.getAttribute('href')] = -1; i.src = a.href; }); 0");
      while (cdp.evaluate("Object.keys(window.loaded).length").asInt() < 3) {
        Assertions.assertTrue(System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(30), "full images did not load");
        Thread.sleep(100);
      }
      JsonNode widths = JSON.readTree(cdp.evaluate("JSON.stringify(window.loaded)").asText());
      widths.fields().forEachRemaining(e -> Assertions.assertEquals(32, e.getValue().asInt(),
          e.getKey() + " opens in Chromium at its size"));
      JsonNode rows = JSON.readTree(cdp.evaluate("JSON.stringify(Array.from(document.querySelectorAll('tr.pair'))"
          + ".map(t => t.dataset.id + '|' + t.dataset.status))").asText());
      Set<String> shown = new TreeSet<>();
      rows.forEach(r -> shown.add(r.asText()));
      assertEquals(expectedRows, shown, "report rows match results/");
      assertEquals("1", cdp.evaluate("document.getElementById('count-failed').textContent").asText());
      Assertions.assertTrue(cdp.evaluate("document.getElementById('random-weights').textContent").asText()
          .contains("RANDOM test weights"), "runs with random weights say so in the report");
      Assertions.assertTrue(cdp.evaluate("document.getElementById('run-info').textContent").asText()
          .contains(summary.runId()), "the run id is shown");

      int height = cdp.evaluate("document.documentElement.scrollHeight").asInt();
      cdp.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", Math.min(height, 8000),
          "deviceScaleFactor", 1, "mobile", false));
      JsonNode shot = cdp.call("Page.captureScreenshot", Map.of("format", "png"));
      Path png = Path.of("target/report-screenshot.png");
      Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
      Assertions.assertTrue(Files.size(png) > 10_000, "screenshot written");
    } finally {
      chromium.descendants().forEach(ProcessHandle::destroyForcibly);
      chromium.destroyForcibly();
    }
  }

  /** A minimal Chrome DevTools Protocol client over the JDK's WebSocket. */
  static final class Cdp implements AutoCloseable {
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private WebSocket socket;

    static Cdp connect(Process chromium) throws Exception {
      BufferedReader err = new BufferedReader(new InputStreamReader(chromium.getInputStream()));
      Pattern listening = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
      int port = -1;
      StringBuilder seen = new StringBuilder();
      while (port < 0) {
        String line = err.readLine();
        if (line == null) {
          throw new IllegalStateException("chromium exited: " + seen);
        }
        seen.append(line).append('\n');
        Matcher m = listening.matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        }
      }
      Thread drain = new Thread(() -> err.lines().forEach(l -> { }));
      drain.setDaemon(true);
      drain.start();
      HttpClient http = HttpClient.newHttpClient();
      JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
      String ws = null;
      for (JsonNode t : targets) {
        if ("page".equals(t.get("type").asText())) {
          ws = t.get("webSocketDebuggerUrl").asText();
        }
      }
      Cdp cdp = new Cdp();
      StringBuilder buffer = new StringBuilder();
      cdp.socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
          buffer.append(data);
          if (last) {
            try {
              JsonNode node = JSON.readTree(buffer.toString());
              if (node.has("id")) {
                CompletableFuture<JsonNode> f = cdp.pending.remove(node.get("id").asInt());
                if (f != null) {
                  f.complete(node);
                }
              }
            } catch (Exception e) {
              throw new IllegalStateException(e);
            } finally {
              buffer.setLength(0);
            }
          }
          webSocket.request(1);
          return null;
        }
      }).get(30, TimeUnit.SECONDS);
      return cdp;
    }

    JsonNode call(String method, Map<String, Object> params) throws Exception {
      int id = ids.incrementAndGet();
      CompletableFuture<JsonNode> f = new CompletableFuture<>();
      pending.put(id, f);
      socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true);
      JsonNode reply = f.get(60, TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new IllegalStateException(method + ": " + reply.get("error"));
      }
      return reply.get("result");
    }

    JsonNode evaluate(String expression) throws Exception {
      return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).get("result")
          .get("value");
    }

    @Override
    public void close() {
      socket.abort();
    }
  }
}
