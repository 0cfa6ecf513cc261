package dev.llmgateway.testkit.fakeprovider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** One server-sent event; {@code event} is null for data-only (OpenAI) events. */
record SseEvent(String event, String data) {

  JsonNode json() {
    return ProviderClient.json(data);
  }

  /** Reads events as the lines arrive: each ends at a blank line. */
  static List<SseEvent> read(Iterator<String> lines) {
    List<SseEvent> events = new ArrayList<>();
    String event = null;
    StringBuilder data = null;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new SseEvent(event, data.toString()));
        }
        event = null;
        data = null;
      } else if (line.startsWith("event: ")) {
        event = line.substring("event: ".length());
      } else if (line.startsWith("data: ")) {
        data = data == null ? new StringBuilder() : data.append('\n');
        data.append(line.substring("data: ".length()));
      } else {
        throw new AssertionError("unexpected event-stream line: " + line);
      }
    }
    if (data != null) {
      throw new AssertionError("stream ended inside an event: " + data);
    }
    return events;
  }
}
