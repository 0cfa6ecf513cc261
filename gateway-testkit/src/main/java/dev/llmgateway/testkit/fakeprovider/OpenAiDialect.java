package dev.llmgateway.testkit.fakeprovider;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/** {@code POST /v1/chat/completions} and {@code GET /v1/models}: OpenAI's API. */
final class OpenAiDialect implements Dialect {
  private static final String BEARER = "bearer ";

  private final String apiKey;

  OpenAiDialect(String apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public void checkHeaders(RecordedRequest request) {
    String authorization = request.header("authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new ApiException(OpenAiErrors.missingKey());
    }
    String key = authorization.substring(BEARER.length()).trim();
    if (!key.equals(apiKey)) {
      throw new ApiException(OpenAiErrors.incorrectKey(key));
    }
  }

  @Override
  public GenerationCall parse(RecordedRequest request) {
    return OpenAiRequestParser.parse(request.json());
  }

  @Override
  public ApiError error(int status, GenerationCall call) {
    return OpenAiErrors.forStatus(status, call.model());
  }

  @Override
  public ApiError rateLimited(int retryAfterSeconds, GenerationCall call) {
    return OpenAiErrors.rateLimited(retryAfterSeconds, call.model());
  }

  @Override
  public void writeCompletion(HttpExchange http, GenerationCall call, Completion completion,
      PieceGate gate) throws IOException {
    String id = Ids.openAiCompletion();
    long created = Instant.now().getEpochSecond();
    if (call.stream()) {
      try (SseWriter sse = HttpResponses.eventStream(http, requestIdHeader())) {
        OpenAiResponses.stream(sse, id, created, call, completion, gate);
      }
    } else {
      HttpResponses.json(http, 200, OpenAiResponses.completion(id, created, call, completion),
          requestIdHeader());
    }
  }

  @Override
  public void writeMalformed(HttpExchange http, GenerationCall call, Completion completion)
      throws IOException {
    String id = Ids.openAiCompletion();
    long created = Instant.now().getEpochSecond();
    if (call.stream()) {
      String chunk = Json.write(OpenAiResponses.firstChunk(id, created, call));
      try (SseWriter sse = HttpResponses.eventStream(http, requestIdHeader())) {
        sse.data(Json.cutInHalf(chunk));
      }
    } else {
      String body = Json.write(OpenAiResponses.completion(id, created, call, completion));
      HttpResponses.send(http, 200, HttpResponses.JSON, Json.cutInHalf(body), requestIdHeader());
    }
  }

  void writeModels(HttpExchange http) throws IOException {
    HttpResponses.json(http, 200, OpenAiResponses.modelList(), requestIdHeader());
  }

  private static Map<String, String> requestIdHeader() {
    return Map.of(OpenAiErrors.REQUEST_ID_HEADER, Ids.openAiRequest());
  }
}
