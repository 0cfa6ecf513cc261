package dev.llmgateway.testkit.fakeprovider;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on 127.0.0.1 that speaks Anthropic's Messages API ({@code POST
 * /v1/messages}) and OpenAI's Chat Completions API ({@code POST /v1/chat/completions}, {@code GET
 * /v1/models}), strictly, with deterministic replies and injectable failures.
 *
 * <p>Every request is recorded. Authentication and validation come first and answer as the real
 * API would; a valid generation request then takes the next one-shot behaviour from the {@link
 * #enqueue queue}, or the {@link #setDefault default} one ({@link Behavior#echo()} at start).
 *
 * <p>Thread-safe: requests are handled concurrently (up to {@value #MAX_THREADS} at once, over
 * keep-alive connections), and the knobs may be turned from any thread between requests.
 *
 * <p>As a JUnit 5 extension on a {@code static} field it is reset before each test and closed
 * after all of them: {@code @RegisterExtension static final FakeProvider fake =
 * FakeProvider.start("test-key");}
 */
public final class FakeProvider implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
  private static final int MAX_THREADS = 512;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  static {
    // The JDK server reads these once per JVM, when its first instance starts. Its defaults
    // would close pooled keep-alive connections beyond 200 idle ones (clients then fail on
    // reuse) and delay each small SSE write by Nagle's algorithm.
    setIfAbsent("sun.net.httpserver.maxIdleConnections", Integer.toString(2 * MAX_THREADS));
    setIfAbsent("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final RequestLog log = new RequestLog();
  private final HangRegistry hangs = new HangRegistry();
  private final Queue<Behavior> queue = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Behavior> defaultBehavior = new AtomicReference<>(Behavior.echo());
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeProvider(String apiKey) throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
    server = HttpServer.create(address, MAX_THREADS);
    executor = newExecutor("fake-provider-" + INSTANCES.incrementAndGet());
    server.setExecutor(executor);
    server.createContext("/", new ProviderHandler(apiKey, log, this::nextBehavior));
    server.start();
  }

  /** Starts a provider that accepts {@code apiKey} as Anthropic's and OpenAI's key. */
  public static FakeProvider start(String apiKey) {
    Objects.requireNonNull(apiKey, "apiKey");
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank but was '" + apiKey + "'");
    }
    try {
      return new FakeProvider(apiKey);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start FakeProvider", e);
    }
  }

  /** {@code http://127.0.0.1:PORT}: Anthropic clients append {@code /v1/messages}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** {@code baseUrl() + "/v1"}: OpenAI clients append {@code /chat/completions}. */
  public String openAiBaseUrl() {
    return baseUrl() + "/v1";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Queues one-shot behaviours, used in order by the next valid generation requests. */
  public void enqueue(Behavior... behaviors) {
    for (Behavior behavior : behaviors) {
      hangs.track(Objects.requireNonNull(behavior, "behavior"));
      queue.add(behavior);
    }
  }

  /** The behaviour for valid generation requests when the queue is empty. */
  public void setDefault(Behavior behavior) {
    hangs.track(Objects.requireNonNull(behavior, "behavior"));
    defaultBehavior.set(behavior);
  }

  /**
   * Back to a fresh state: empty queue, echo by default, no recorded requests; requests held by
   * a {@link Hang} are dropped.
   */
  public void reset() {
    queue.clear();
    defaultBehavior.set(Behavior.echo());
    hangs.abortAll();
    log.clear();
  }

  /** The requests received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return log.snapshot();
  }

  public int requestCount() {
    return log.size();
  }

  /**
   * Waits until at least {@code count} requests have arrived and returns them all. Each one's
   * answer is decided by then (its behaviour taken from the queue) though perhaps not yet sent,
   * so a test may await a held request, then reset, release or close.
   *
   * @throws AssertionError if fewer arrived within {@code timeout}
   */
  public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
    try {
      return log.await(count, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while awaiting " + count + " requests", e);
    }
  }

  /** Stops the server, dropping held and in-flight requests. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    hangs.close();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  private Behavior nextBehavior() {
    Behavior next = queue.poll();
    return next != null ? next : defaultBehavior.get();
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private static ExecutorService newExecutor(String name) {
    AtomicInteger threads = new AtomicInteger();
    return new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        task -> {
          Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
