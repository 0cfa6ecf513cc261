package dev.llmgateway.testkit.fakeprovider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCounterTest {

  @Test
  void countsWhitespaceSeparatedWords() {
    assertThat(TokenCounter.count("Echo: hello  world\n again")).isEqualTo(4);
    assertThat(TokenCounter.count("   ")).isZero();
    assertThat(TokenCounter.count((String) null)).isZero();
    assertThat(TokenCounter.count("be brief", "hi", null)).isEqualTo(3);
  }

  @Test
  void piecesJoinBackToTheText() {
    String text = "  lead, middle\tand trailing  ";

    assertThat(TokenCounter.pieces(text))
        .containsExactly("  lead,", " middle", "\tand", " trailing  ")
        .hasSize(TokenCounter.count(text));
    assertThat(String.join("", TokenCounter.pieces(text))).isEqualTo(text);
  }

  @Test
  void truncationKeepsTheFirstWordsExactly() {
    Completion completion = Completion.of("one two  three four", 3);

    assertThat(completion.text()).isEqualTo("one two  three");
    assertThat(completion.outputTokens()).isEqualTo(3);
    assertThat(completion.truncated()).isTrue();
    assertThat(Completion.of("one two", 2).truncated()).isFalse();
    assertThat(Completion.of("one two", null).outputTokens()).isEqualTo(2);
  }
}
