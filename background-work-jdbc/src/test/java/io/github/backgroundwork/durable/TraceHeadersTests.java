package io.github.backgroundwork.durable;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TraceHeaders}.
 */
class TraceHeadersTests {

	@Test
	void headersAreWrittenAsLinesInTheirOrderAndReadBackIgnoringCase() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		headers.put("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
		headers.put("baggage", "user=a=b");
		String text = TraceHeaders.write(headers);
		assertThat(text).isEqualTo("traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\n"
				+ "tracestate=congo=t61rcWkgMzE,rojo=00f067aa0ba902b7\nbaggage=user=a=b");
		Map<String, String> read = TraceHeaders.read(text);
		assertThat(read).containsExactlyInAnyOrderEntriesOf(headers);
		assertThat(read.get("TraceParent")).isEqualTo(headers.get("traceparent"));
	}

	@Test
	void noHeadersAreStoredAsNothing() {
		assertThat(TraceHeaders.write(Map.of())).isNull();
		assertThat(TraceHeaders.write(Map.of("", "x", "a=b", "c", "multi", "line\nbreak"))).isNull();
	}

	@Test
	void headersThatCannotBeReadBackOrDoNotFitAreLeftOut() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("traceparent", "00-1-2-01");
		headers.put("bad\rname", "x");
		headers.put("baggage", "x".repeat(TraceHeaders.MAX_LENGTH));
		headers.put("b3", "1-2-1");
		String text = TraceHeaders.write(headers);
		assertThat(text).isEqualTo("traceparent=00-1-2-01\nb3=1-2-1");
	}

	@Test
	void linesWithoutASeparatorAreSkipped() {
		assertThat(TraceHeaders.read("junk\ntraceparent=00-1-2-01\n=x")).containsOnlyKeys("traceparent");
	}

}
