package dev.llmgateway.testkit.fakeprovider;

import static dev.llmgateway.testkit.fakeprovider.ProviderClient.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HeldStreamTest {
  private static final String OPENAI_BODY = """
      {"model": "gpt-4o-mini", "stream": true,
       "messages": [{"role": "user", "content": "tell me"}]}""";
  private static final String ANTHROPIC_BODY = """
      {"model": "claude-test", "max_tokens": 100, "stream": true,
       "messages": [{"role": "user", "content": "tell me"}]}""";

  @RegisterExtension static final FakeProvider fake = FakeProvider.start(KEY);
  private final ProviderClient client = new ProviderClient(fake);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void sendsTheFirstPieceThenWaitsUntilAllowedAndFinishesNormallyOnRelease() throws Exception {
    HeldStream held = Behavior.heldStream("one two three four", 1);
    fake.setDefault(held);

    try (Stream<String> lines = http.send(client.openAiRequest(OPENAI_BODY).build(),
        HttpResponse.BodyHandlers.ofLines()).body()) {
      Iterator<String> it = lines.iterator();
      List<String> before = readUntil(it, "\"one\"");
      held.allow(1);
      List<String> next = readUntil(it, "\" two\"");
      held.release();
      List<String> rest = readUntil(it, "[DONE]");

      assertThat(String.join("\n", before)).doesNotContain("two");
      assertThat(String.join("\n", next)).doesNotContain("three");
      assertThat(String.join("\n", rest)).contains("\" three\"", "\" four\"", "\"finish_reason\":\"stop\"");
    }
  }

  @Test
  void aCutStreamEndsWithoutItsClosingEvents() throws Exception {
    HeldStream held = Behavior.heldStream("one two three", 1);
    fake.setDefault(held);

    try (Stream<String> lines = http.send(client.anthropicRequest(ANTHROPIC_BODY).build(),
        HttpResponse.BodyHandlers.ofLines()).body()) {
      Iterator<String> it = lines.iterator();
      readUntil(it, "\"one\"");
      held.cut();
      List<String> rest = new ArrayList<>();
      it.forEachRemaining(rest::add);

      assertThat(String.join("\n", rest)).doesNotContain("two", "message_stop", "message_delta");
    }
  }

  @Test
  void aResetCutsAHeldStream() throws Exception {
    fake.setDefault(Behavior.heldStream("one two", 1));

    try (Stream<String> lines = http.send(client.openAiRequest(OPENAI_BODY).build(),
        HttpResponse.BodyHandlers.ofLines()).body()) {
      Iterator<String> it = lines.iterator();
      readUntil(it, "\"one\"");
      fake.reset();
      List<String> rest = new ArrayList<>();
      it.forEachRemaining(rest::add);

      assertThat(String.join("\n", rest)).doesNotContain("two", "[DONE]");
    }
  }

  private static List<String> readUntil(Iterator<String> lines, String marker) {
    List<String> read = new ArrayList<>();
    while (lines.hasNext()) {
      String line = lines.next();
      read.add(line);
      if (line.contains(marker)) {
        return read;
      }
    }
    throw new AssertionError("stream ended before " + marker + ": " + read);
  }
}
