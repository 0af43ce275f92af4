package io.github.backgroundwork.examples.docs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key of the starter that README.md and docs/*.md set or name exists: it is in the
 * configuration metadata that {@code spring-boot-configuration-processor} generates from
 * the properties classes (with the additional metadata beside them), so a renamed
 * property breaks the build rather than a reader's configuration. Blocks are checked as
 * {@link DocumentedProperties} reads them; a failure names the doc, the line and the
 * unknown key.
 */
class PropertiesInDocsExistTests {

	private static final Path root = CodeBlock.repositoryRoot();

	private static final Set<String> known = knownKeys();

	@Test
	void theMetadataIsOnTheClasspath() {
		// Guards the check itself: without metadata every key would look unknown
		assertThat(known).contains("background-work.store", "background-work.shutdown.drain-timeout");
	}

	@TestFactory
	Stream<DynamicTest> everyKeyABlockUsesExists() {
		return CodeBlock.inDocs(root)
			.stream()
			.filter((block) -> !DocumentedProperties.in(block).isEmpty())
			.map((block) -> DynamicTest.dynamicTest(block.location(), () -> {
				for (String key : DocumentedProperties.in(block)) {
					assertThat(isKnown(key))
						.withFailMessage("%s: %s is no property of the starter (not in its configuration metadata)",
								block.location(), key)
						.isTrue();
				}
			}));
	}

	@TestFactory
	Stream<DynamicTest> everyKeyTheProseNamesExists() {
		Map<Path, List<CodeBlock>> docs = CodeBlock.inDocs(root)
			.stream()
			.collect(Collectors.groupingBy(CodeBlock::doc));
		return docs.keySet().stream().sorted().map((doc) -> DynamicTest.dynamicTest(doc.toString(), () -> {
			for (String found : DocumentedProperties.inline(CodeBlock.read(root.resolve(doc)), docs.get(doc))) {
				String key = found.substring(found.indexOf(':') + 1);
				assertThat(isKnown(key))
					.withFailMessage("%s:%s is no property of the starter (not in its configuration metadata)", doc,
							found)
					.isTrue();
			}
		}));
	}

	private static boolean isKnown(String key) {
		String property = key.replaceAll("\\[[^]]*]", "");
		if (property.endsWith(".*")) {
			String group = property.substring(0, property.length() - 1);
			return known.stream().anyMatch((name) -> name.startsWith(group));
		}
		return known.contains(property);
	}

	private static Set<String> knownKeys() {
		Set<String> keys = new TreeSet<>();
		JsonMapper json = JsonMapper.builder().build();
		ClassLoader classLoader = PropertiesInDocsExistTests.class.getClassLoader();
		for (String resource : List.of("META-INF/spring-configuration-metadata.json",
				"META-INF/additional-spring-configuration-metadata.json")) {
			try {
				for (URL url : Collections.list(classLoader.getResources(resource))) {
					try (InputStream in = url.openStream()) {
						for (JsonNode property : json.readTree(in).path("properties")) {
							keys.add(property.path("name").asString());
						}
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read " + resource, ex);
			}
		}
		return keys;
	}

}
