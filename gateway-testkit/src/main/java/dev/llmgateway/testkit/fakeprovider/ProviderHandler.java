package dev.llmgateway.testkit.fakeprovider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every request, routes it, rejects what the real API would reject, and hands valid
 * generation requests to the next {@link Behavior}. Runs on many threads at once.
 */
final class ProviderHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderHandler.class);

  private final RequestLog log;
  private final Supplier<Behavior> behaviors;
  private final HangRegistry hangs;
  private final AnthropicDialect anthropic;
  private final OpenAiDialect openAi;

  ProviderHandler(String apiKey, RequestLog log, Supplier<Behavior> behaviors, HangRegistry hangs) {
    this.log = log;
    this.behaviors = behaviors;
    this.hangs = hangs;
    this.anthropic = new AnthropicDialect(apiKey);
    this.openAi = new OpenAiDialect(apiKey);
  }

  @Override
  public void handle(HttpExchange http) {
    try (http) {
      RecordedRequest request = RecordedRequest.read(http);
      log.add(request);
      route(http, request);
    } catch (IOException e) {
      LOG.debug("client went away: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("FakeProvider failed to handle {} {}", http.getRequestMethod(),
          http.getRequestURI(), e);
    }
  }

  private void route(HttpExchange http, RecordedRequest request)
      throws IOException, InterruptedException {
    String route = request.method() + " " + request.path();
    switch (route) {
      case "POST /v1/messages" -> generate(http, request, anthropic);
      case "POST /v1/chat/completions" -> generate(http, request, openAi);
      case "GET /v1/models" -> models(http, request);
      default -> HttpResponses.error(
          http, OpenAiErrors.invalidUrl(request.method(), request.path()));
    }
  }

  private void generate(HttpExchange http, RecordedRequest request, Dialect dialect)
      throws IOException, InterruptedException {
    GenerationCall call;
    try {
      dialect.checkHeaders(request);
      call = dialect.parse(request);
    } catch (ApiException rejected) {
      HttpResponses.error(http, rejected.error());
      return;
    }
    behaviors.get().respond(new ProviderExchange(http, dialect, call, hangs));
  }

  private void models(HttpExchange http, RecordedRequest request) throws IOException {
    try {
      openAi.checkHeaders(request);
    } catch (ApiException rejected) {
      HttpResponses.error(http, rejected.error());
      return;
    }
    openAi.writeModels(http);
  }
}
