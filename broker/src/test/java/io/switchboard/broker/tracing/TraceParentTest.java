package io.switchboard.broker.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {

  @Test
  void aStartedTraceWritesAHeaderThatReadsBackTheSame() {
    TraceParent trace = TraceParent.start();

    assertThat(trace.header()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    assertThat(TraceParent.parse(trace.header())).contains(trace);
  }

  @Test
  void aChildKeepsTheTraceAndTakesANewSpan() {
    TraceParent parent = TraceParent.start();

    TraceParent child = parent.child();

    assertThat(child.traceId()).isEqualTo(parent.traceId());
    assertThat(child.spanId()).isNotEqualTo(parent.spanId());
  }

  @Test
  void readsTheHeaderOutOfAmqpHeadersWhateverTheValueType() {
    TraceParent trace = TraceParent.start();
    Object asAmqpClientGivesIt = new StringBuilder(trace.header());

    assertThat(TraceParent.fromHeaders(Map.of(TraceParent.HEADER, asAmqpClientGivesIt))).contains(trace);
    assertThat(TraceParent.fromHeaders(Map.of())).isEmpty();
    assertThat(TraceParent.fromHeaders(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
      "00-00000000000000000000000000000000-b7ad6b7169203331-01",
      "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
      "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
      "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra"})
  void refusesWhatTheW3cFormatDoesNotAllow(String header) {
    assertThat(TraceParent.parse(header)).isEmpty();
  }
}
