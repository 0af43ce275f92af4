package io.github.backgroundwork.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A fenced code block of the README or of a page in {@code docs/}, with where it starts
 * and the file its {@code <!-- snippet: path -->} marker names, if any.
 *
 * @param doc the Markdown file, relative to the repository's root
 * @param line the line of the opening fence, counted from 1
 * @param language the fence's info string ({@code java}, {@code properties}...), or empty
 * @param lines the block's lines, as written
 * @param snippet the file the marker on the line above the fence names, relative to the
 * repository's root, or {@code null}
 */
record CodeBlock(Path doc, int line, String language, List<String> lines, @Nullable String snippet) {

	private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w-]*)\\s*$");

	private static final Pattern SNIPPET = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+)\\s*-->\\s*$");

	/**
	 * Where the block is, as a reader finds it: {@code docs/usage.md:8}.
	 * @return the file and line
	 */
	String location() {
		return this.doc.toString().replace('\\', '/') + ":" + this.line;
	}

	/**
	 * The code blocks of README.md and docs/*.md, in order.
	 * @param root the repository's root
	 * @return every fenced block
	 */
	static List<CodeBlock> inDocs(Path root) {
		List<Path> docs = new ArrayList<>();
		docs.add(Path.of("README.md"));
		try (Stream<Path> pages = Files.list(root.resolve("docs"))) {
			pages.filter((page) -> page.getFileName().toString().endsWith(".md"))
				.sorted()
				.forEach((page) -> docs.add(root.relativize(page)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<CodeBlock> blocks = new ArrayList<>();
		for (Path doc : docs) {
			blocks.addAll(in(doc, read(root.resolve(doc))));
		}
		return blocks;
	}

	static List<CodeBlock> in(Path doc, List<String> text) {
		List<CodeBlock> blocks = new ArrayList<>();
		for (int i = 0; i < text.size(); i++) {
			Matcher open = FENCE.matcher(text.get(i));
			if (!open.matches()) {
				continue;
			}
			int end = i + 1;
			while (end < text.size() && !FENCE.matcher(text.get(end)).matches()) {
				end++;
			}
			if (end == text.size()) {
				throw new IllegalStateException(doc + ":" + (i + 1) + ": the code block is never closed");
			}
			Matcher marker = (i > 0) ? SNIPPET.matcher(text.get(i - 1)) : null;
			String snippet = (marker != null && marker.matches()) ? marker.group(1) : null;
			blocks.add(new CodeBlock(doc, i + 1, open.group(1), List.copyOf(text.subList(i + 1, end)), snippet));
			i = end;
		}
		return blocks;
	}

	static List<String> read(Path file) {
		try {
			return Files.readAllLines(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The repository's root, found upwards from the working directory (a module's
	 * directory when Maven runs the tests).
	 * @return the directory holding README.md, docs and the parent pom.xml
	 */
	static Path repositoryRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))
					&& Files.isRegularFile(dir.resolve("pom.xml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No README.md with docs/ above " + Path.of("").toAbsolutePath());
	}

}
