package dev.llmgateway.testkit.fakeprovider;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** {@code POST /v1/messages}: Anthropic's Messages API. */
final class AnthropicDialect implements Dialect {
  private static final Set<String> VERSIONS = Set.of("2023-06-01", "2023-01-01");

  private final String apiKey;

  AnthropicDialect(String apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public void checkHeaders(RecordedRequest request) {
    String key = request.header("x-api-key");
    if (key == null) {
      throw new ApiException(AnthropicErrors.authentication("x-api-key header is required"));
    }
    if (!key.equals(apiKey)) {
      throw new ApiException(AnthropicErrors.authentication("invalid x-api-key"));
    }
    String version = request.header("anthropic-version");
    if (version == null) {
      throw invalid("anthropic-version: header is required");
    }
    if (!VERSIONS.contains(version)) {
      throw invalid("anthropic-version: \"" + version + "\" is not a valid version");
    }
    if (!isJson(request.header("content-type"))) {
      throw invalid("content-type: must be application/json but was "
          + request.header("content-type"));
    }
  }

  @Override
  public GenerationCall parse(RecordedRequest request) {
    return AnthropicRequestParser.parse(request.json());
  }

  @Override
  public ApiError error(int status, GenerationCall call) {
    return AnthropicErrors.forStatus(status);
  }

  @Override
  public ApiError rateLimited(int retryAfterSeconds, GenerationCall call) {
    return AnthropicErrors.rateLimited(retryAfterSeconds);
  }

  @Override
  public void writeCompletion(HttpExchange http, GenerationCall call, Completion completion,
      PieceGate gate) throws IOException {
    String id = Ids.anthropicMessage();
    if (call.stream()) {
      try (SseWriter sse = HttpResponses.eventStream(http, requestIdHeader())) {
        AnthropicResponses.stream(sse, id, call, completion, gate);
      }
    } else {
      HttpResponses.json(
          http, 200, AnthropicResponses.message(id, call, completion), requestIdHeader());
    }
  }

  @Override
  public void writeMalformed(HttpExchange http, GenerationCall call, Completion completion)
      throws IOException {
    String id = Ids.anthropicMessage();
    if (call.stream()) {
      String start = Json.write(AnthropicResponses.messageStart(id, call, completion));
      try (SseWriter sse = HttpResponses.eventStream(http, requestIdHeader())) {
        sse.raw("event: message_start\ndata: " + Json.cutInHalf(start) + "\n\n");
      }
    } else {
      String message = Json.write(AnthropicResponses.message(id, call, completion));
      HttpResponses.send(http, 200, HttpResponses.JSON, Json.cutInHalf(message), requestIdHeader());
    }
  }

  private static Map<String, String> requestIdHeader() {
    return Map.of(AnthropicErrors.REQUEST_ID_HEADER, Ids.anthropicRequest());
  }

  private static boolean isJson(String contentType) {
    return contentType != null
        && contentType.split(";", 2)[0].trim().equalsIgnoreCase(HttpResponses.JSON);
  }

  private static ApiException invalid(String message) {
    return new ApiException(AnthropicErrors.invalidRequest(message));
  }
}
