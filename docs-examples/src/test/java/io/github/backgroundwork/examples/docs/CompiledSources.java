package io.github.backgroundwork.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The Java files the build compiles (every module's {@code src/main/java} and
 * {@code src/test/java}), normalised so that a docs block can be looked for in them.
 * <p>
 * The rule, the same for a block and a file: every line is trimmed, runs of spaces and
 * tabs inside it become one space, and blank lines are dropped; so indentation, tabs
 * against spaces and the alignment of trailing comments do not matter. In a block,
 * {@code ...} stands for any text, across lines ({@code { ... }} for a method's body),
 * and a line that is only {@code ...}, or a comment that starts with {@code // ...} (and
 * may say what is left out), for any number of lines. Everything else must appear as
 * written, lines in order and next to each other.
 */
final class CompiledSources {

	private static final Set<String> SKIPPED = Set.of("target", "node_modules", ".git", ".mvn", ".github");

	private static final Pattern BLANKS = Pattern.compile("[ \\t]+");

	private final Path root;

	/** Each file, relative to the root, and its normalised text. */
	private final Map<Path, String> files = new LinkedHashMap<>();

	CompiledSources(Path root) {
		this.root = root;
		for (Path file : javaFiles(root)) {
			this.files.put(root.relativize(file), normalise(CodeBlock.read(file)));
		}
	}

	/**
	 * Where the block appears.
	 * @param block the docs block
	 * @param in the file to look in, relative to the root, or {@code null} for every
	 * compiled file
	 * @return the first file that holds the block, or {@code null}
	 */
	@Nullable Path find(CodeBlock block, @Nullable Path in) {
		List<String> lines = lines(block.lines());
		Pattern pattern = pattern(lines);
		List<String> literals = literals(lines);
		for (Map.Entry<Path, String> file : this.files.entrySet()) {
			if ((in == null || file.getKey().equals(in)) && literals.stream().allMatch(file.getValue()::contains)
					&& pattern.matcher(file.getValue()).find()) {
				return file.getKey();
			}
		}
		return null;
	}

	/**
	 * Whether the file is one the build compiles.
	 * @param file relative to the root
	 * @return whether it is a compiled Java file
	 */
	boolean contains(Path file) {
		return this.files.containsKey(file);
	}

	/**
	 * Why the block is not where it should be: the file that holds most of its lines, and
	 * the first of its lines that file lacks.
	 * @param block the docs block
	 * @param in the file to look in, or {@code null} for every compiled file
	 * @return a sentence for the failure message
	 */
	String closest(CodeBlock block, @Nullable Path in) {
		List<String> literals = literals(lines(block.lines()));
		Path best = this.files.keySet()
			.stream()
			.filter((file) -> in == null || file.equals(in))
			.max(Comparator
				.comparingLong((Path file) -> literals.stream().filter(this.files.get(file)::contains).count()))
			.orElse(null);
		if (best == null) {
			return "no compiled Java file under " + this.root;
		}
		String text = this.files.get(best);
		String missing = literals.stream()
			.filter((literal) -> !text.contains(literal))
			.findFirst()
			.orElse("(every line is there, but not in this order or not next to each other)");
		return "the closest is " + best + ", which lacks: " + missing.strip();
	}

	private static List<Path> javaFiles(Path root) {
		List<Path> found = new ArrayList<>();
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					return SKIPPED.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
							: FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					String path = root.relativize(file).toString().replace('\\', '/');
					if (path.endsWith(".java")
							&& (path.contains("src/main/java/") || path.contains("src/test/java/"))) {
						found.add(file);
					}
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		found.sort(null);
		return found;
	}

	/** Normalised lines, each followed by a line break, after a leading one. */
	private static String normalise(List<String> text) {
		StringBuilder normalised = new StringBuilder("\n");
		lines(text).forEach((line) -> normalised.append(line).append('\n'));
		return normalised.toString();
	}

	private static List<String> lines(List<String> text) {
		return text.stream()
			.map((line) -> BLANKS.matcher(line.strip()).replaceAll(" "))
			.filter((line) -> !line.isEmpty())
			.toList();
	}

	private static boolean isElidedLines(String line) {
		return line.equals("...") || line.equals("// ...") || line.startsWith("// ... ");
	}

	private static Pattern pattern(List<String> lines) {
		StringBuilder regex = new StringBuilder("\\n");
		for (String line : lines) {
			if (isElidedLines(line)) {
				regex.append("(?:[^\\n]*\\n)*?");
				continue;
			}
			// Spaces around an elision are the block's, not the file's: "{ ... }" stands
			// for "{", the body's lines, then "}"
			String[] parts = line.split("\\.\\.\\.", -1);
			for (int i = 0; i < parts.length; i++) {
				String part = parts[i].strip();
				regex.append((i > 0) ? "[\\s\\S]*?" : "").append(part.isEmpty() ? "" : Pattern.quote(part));
			}
			regex.append("\\n");
		}
		return Pattern.compile(regex.toString());
	}

	/** The texts between elisions, each of which a holding file must contain. */
	private static List<String> literals(List<String> lines) {
		List<String> literals = new ArrayList<>();
		for (String line : lines) {
			if (!isElidedLines(line)) {
				for (String part : line.split("\\.\\.\\.")) {
					if (!part.isBlank()) {
						literals.add(part.strip());
					}
				}
			}
		}
		return literals;
	}

}
