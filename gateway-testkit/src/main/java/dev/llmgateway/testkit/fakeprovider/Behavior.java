package dev.llmgateway.testkit.fakeprovider;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How the fake provider answers a valid generation request. Behaviours are immutable (except
 * {@link Hang}, which can be released) and may be reused across requests and providers.
 */
public abstract class Behavior {

  Behavior() {}

  /** Answers normally with {@code "Echo: "} followed by the last user message: the default. */
  public static Behavior echo() {
    return new Answer(null);
  }

  /** Answers normally with {@code text}, truncated to {@code max_tokens} words if longer. */
  public static Behavior reply(String text) {
    return new Answer(Objects.requireNonNull(text, "text"));
  }

  /** Fails with {@code status} and the vendor's error body for it (529: Anthropic overload). */
  public static Behavior status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be in [400, 599] but was " + status);
    }
    return new Failure(status);
  }

  /** Fails with 429, a {@code retry-after} header and the vendor's rate-limit error body. */
  public static Behavior rateLimited(int retryAfterSeconds) {
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException(
          "retryAfterSeconds must be >= 0 but was " + retryAfterSeconds);
    }
    return new RateLimit(retryAfterSeconds);
  }

  /** Answers 200 with a body that is not valid JSON (a broken first event when streaming). */
  public static Behavior malformedBody() {
    return new Malformed();
  }

  /** Waits {@code delay}, then answers like {@link #echo()}; other requests are not held up. */
  public static Behavior latency(Duration delay) {
    return echo().withLatency(delay);
  }

  /**
   * Answers 200 with exactly {@code json}, whichever vendor's format was asked for: for answers
   * that parse but say something impossible (negative token counts, wrong types).
   */
  public static Behavior rawAnswer(String json) {
    return new Raw(Objects.requireNonNull(json, "json"));
  }

  /** Drops the connection without sending a response, as a crashing server would. */
  public static Behavior closeConnection() {
    return new Disconnect();
  }

  /**
   * The behaviour {@code script} picks for the request's last user message: one fault plan per
   * prompt, whatever the order in which concurrent requests arrive. A {@link Hang} it returns is
   * not dropped by reset or close: release it yourself.
   */
  public static Behavior byPrompt(Function<String, Behavior> script) {
    return new ByPrompt(Objects.requireNonNull(script, "script"));
  }

  /** Holds requests open without answering until {@link Hang#release()} or reset/close. */
  public static Hang hang() {
    return new Hang(false);
  }

  /**
   * Sends a 200's headers and the first bytes of its body, then nothing more until {@link
   * Hang#release()} or reset/close, which end the body there: the client reads a truncated answer.
   */
  public static Hang hangMidBody() {
    return new Hang(true);
  }

  /**
   * Streams {@code text} (truncated to {@code max_tokens} words) one piece per word, sending the
   * first {@code initiallyAllowed} pieces at once and each further one when the returned
   * {@link HeldStream} allows it.
   */
  public static HeldStream heldStream(String text, int initiallyAllowed) {
    return new HeldStream(Objects.requireNonNull(text, "text"), initiallyAllowed);
  }

  /** This behaviour, after waiting {@code delay}. */
  public Behavior withLatency(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative but was " + delay);
    }
    return new Delayed(delay, this);
  }

  abstract void respond(ProviderExchange exchange) throws IOException, InterruptedException;

  /** Passes on the held requests' behaviours in this one, so a provider can abort them. */
  void collectHangs(Consumer<Abortable> hangs) {}

  private static final class Answer extends Behavior {
    private final String text;

    Answer(String text) {
      this.text = text;
    }

    @Override
    void respond(ProviderExchange exchange) throws IOException {
      exchange.answer(text);
    }

    @Override
    public String toString() {
      return text == null ? "echo" : "reply(" + text + ")";
    }
  }

  private static final class Failure extends Behavior {
    private final int status;

    Failure(int status) {
      this.status = status;
    }

    @Override
    void respond(ProviderExchange exchange) throws IOException {
      exchange.fail(status);
    }

    @Override
    public String toString() {
      return "status(" + status + ")";
    }
  }

  private static final class RateLimit extends Behavior {
    private final int retryAfterSeconds;

    RateLimit(int retryAfterSeconds) {
      this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    void respond(ProviderExchange exchange) throws IOException {
      exchange.rateLimit(retryAfterSeconds);
    }

    @Override
    public String toString() {
      return "rateLimited(" + retryAfterSeconds + "s)";
    }
  }

  private static final class Malformed extends Behavior {
    @Override
    void respond(ProviderExchange exchange) throws IOException {
      exchange.malformed();
    }

    @Override
    public String toString() {
      return "malformedBody";
    }
  }

  private static final class Raw extends Behavior {
    private final String json;

    Raw(String json) {
      this.json = json;
    }

    @Override
    void respond(ProviderExchange exchange) throws IOException {
      exchange.raw(json);
    }

    @Override
    public String toString() {
      return "rawAnswer(" + json + ")";
    }
  }

  private static final class Disconnect extends Behavior {
    @Override
    void respond(ProviderExchange exchange) {
      exchange.abort();
    }

    @Override
    public String toString() {
      return "closeConnection";
    }
  }

  private static final class ByPrompt extends Behavior {
    private final Function<String, Behavior> script;

    ByPrompt(Function<String, Behavior> script) {
      this.script = script;
    }

    @Override
    void respond(ProviderExchange exchange) throws IOException, InterruptedException {
      Behavior chosen = script.apply(exchange.lastUserText());
      (chosen == null ? echo() : chosen).respond(exchange);
    }

    @Override
    public String toString() {
      return "byPrompt";
    }
  }

  private static final class Delayed extends Behavior {
    private final Duration delay;
    private final Behavior then;

    Delayed(Duration delay, Behavior then) {
      this.delay = delay;
      this.then = then;
    }

    @Override
    void respond(ProviderExchange exchange) throws IOException, InterruptedException {
      TimeUnit.NANOSECONDS.sleep(delay.toNanos());
      then.respond(exchange);
    }

    @Override
    void collectHangs(Consumer<Abortable> hangs) {
      then.collectHangs(hangs);
    }

    @Override
    public String toString() {
      return then + " after " + delay;
    }
  }
}
