package dev.llmgateway.testkit.fakeprovider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request, rejects what the real API would reject, hands valid generation requests
 * to the next {@link Behavior}, and records every request. Runs on many threads at once.
 *
 * <p>A request is recorded only once its answer is decided (and its behaviour taken from the
 * queue), so a test that has awaited it can reset the provider without changing that answer.
 */
final class ProviderHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderHandler.class);

  private final RequestLog log;
  private final Supplier<Behavior> behaviors;
  private final AnthropicDialect anthropic;
  private final OpenAiDialect openAi;

  ProviderHandler(String apiKey, RequestLog log, Supplier<Behavior> behaviors) {
    this.log = log;
    this.behaviors = behaviors;
    this.anthropic = new AnthropicDialect(apiKey);
    this.openAi = new OpenAiDialect(apiKey);
  }

  /** Writes a decided answer. */
  private interface Answer {
    void send(HttpExchange http) throws IOException, InterruptedException;
  }

  @Override
  public void handle(HttpExchange http) {
    try (http) {
      RecordedRequest request = RecordedRequest.read(http);
      Answer answer = decide(request);
      log.add(request);
      answer.send(http);
    } catch (IOException e) {
      LOG.debug("client went away: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("FakeProvider failed to handle {} {}", http.getRequestMethod(),
          http.getRequestURI(), e);
    }
  }

  private Answer decide(RecordedRequest request) {
    String route = request.method() + " " + request.path();
    try {
      return switch (route) {
        case "POST /v1/messages" -> generation(request, anthropic);
        case "POST /v1/chat/completions" -> generation(request, openAi);
        case "GET /v1/models" -> models(request);
        default -> error(OpenAiErrors.invalidUrl(request.method(), request.path()));
      };
    } catch (ApiException rejected) {
      return error(rejected.error());
    }
  }

  private Answer generation(RecordedRequest request, Dialect dialect) {
    dialect.checkHeaders(request);
    GenerationCall call = dialect.parse(request);
    Behavior behavior = behaviors.get();
    return http -> behavior.respond(new ProviderExchange(http, dialect, call));
  }

  private Answer models(RecordedRequest request) {
    openAi.checkHeaders(request);
    return openAi::writeModels;
  }

  private static Answer error(ApiError error) {
    return http -> HttpResponses.error(http, error);
  }
}
