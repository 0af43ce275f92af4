package io.github.backgroundwork.examples.docs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The starter's property keys a doc uses: those a {@code properties} or {@code yaml}
 * block sets, those a shell block passes as {@code --key=value} or {@code -Dkey=value},
 * and those an inline code span names ({@code `background-work.store=jdbc`}). Only the
 * starter's own keys count: {@code background-work.*},
 * {@code management.endpoint.backgroundwork.*} and
 * {@code management.health.backgroundwork.*}.
 */
final class DocumentedProperties {

	private static final String OWN = "(?:background-work|management\\.endpoint\\.backgroundwork|management\\.health\\.backgroundwork)";

	private static final Pattern PROPERTIES_LINE = Pattern.compile("^\\s*([^#!\\s=:][^\\s=:]*)\\s*[=:].*$");

	private static final Pattern YAML_LINE = Pattern.compile("^(\\s*)([\\w.-]+)\\s*:(?:\\s+(\\S.*))?$");

	private static final Pattern ARGUMENT = Pattern.compile("(?:--|-D)(" + OWN + "\\.[\\w.\\[\\]-]+)=");

	private static final Pattern INLINE = Pattern.compile("`(" + OWN + "\\.[\\w.\\[\\]*-]+)(?:=[^`]*)?`");

	/** A file a doc links to, named like a key ({@code background-work.yaml}). */
	private static final Pattern FILE_NAME = Pattern.compile(".*\\.(?:ya?ml|properties|sql|java|json)$");

	private DocumentedProperties() {
	}

	/**
	 * The starter's keys a block uses, as written.
	 * @param block the block
	 * @return the keys, in order
	 */
	static List<String> in(CodeBlock block) {
		List<String> keys = switch (block.language()) {
			case "properties" -> propertiesKeys(block.lines());
			case "yaml", "yml" -> yamlKeys(block.lines());
			case "java" -> List.of();
			default -> matches(ARGUMENT, block.lines());
		};
		return keys.stream().filter((key) -> key.matches(OWN + "\\..+")).toList();
	}

	/**
	 * The starter's keys the prose outside code blocks names in inline code spans; a key
	 * ending in {@code .*} names a group.
	 * @param text the doc's lines
	 * @param blocks the doc's blocks, whose lines are skipped
	 * @return each key with its line
	 */
	static List<String> inline(List<String> text, List<CodeBlock> blocks) {
		List<String> found = new ArrayList<>();
		for (int i = 0; i < text.size(); i++) {
			int line = i + 1;
			if (blocks.stream()
				.anyMatch((block) -> line >= block.line() && line <= block.line() + block.lines().size() + 1)) {
				continue;
			}
			Matcher matcher = INLINE.matcher(text.get(i));
			while (matcher.find()) {
				if (!FILE_NAME.matcher(matcher.group(1)).matches()) {
					found.add(line + ":" + matcher.group(1));
				}
			}
		}
		return found;
	}

	private static List<String> propertiesKeys(List<String> lines) {
		List<String> keys = new ArrayList<>();
		for (String line : lines) {
			Matcher matcher = PROPERTIES_LINE.matcher(line);
			if (matcher.matches()) {
				keys.add(matcher.group(1));
			}
		}
		return keys;
	}

	/**
	 * Keys of a YAML block that have a value, flattened with dots; list items and their
	 * keys are skipped.
	 */
	private static List<String> yamlKeys(List<String> lines) {
		List<String> keys = new ArrayList<>();
		Deque<YamlParent> parents = new ArrayDeque<>();
		for (String line : lines) {
			Matcher matcher = YAML_LINE.matcher(line);
			if (!matcher.matches()) {
				continue;
			}
			int indent = matcher.group(1).length();
			while (!parents.isEmpty() && parents.peek().indent() >= indent) {
				parents.pop();
			}
			String key = (parents.isEmpty() ? "" : parents.peek().key() + ".") + matcher.group(2);
			String value = matcher.group(3);
			if (value == null || value.startsWith("#")) {
				parents.push(new YamlParent(indent, key));
			}
			else {
				keys.add(key);
			}
		}
		return keys;
	}

	private record YamlParent(int indent, String key) {
	}

	private static List<String> matches(Pattern pattern, List<String> lines) {
		List<String> found = new ArrayList<>();
		for (String line : lines) {
			Matcher matcher = pattern.matcher(line);
			while (matcher.find()) {
				found.add(matcher.group(1));
			}
		}
		return found;
	}

}
