package io.github.backgroundwork.examples.docs;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```java} block of README.md and docs/*.md is code the build compiles: it
 * appears in a Java file of some module's {@code src/main/java} or {@code src/test/java},
 * so a renamed method or a changed signature breaks the build, not the reader.
 * <p>
 * <b>Writing a Java block.</b> Put the code in a compiled file first (an example here in
 * docs-examples, with a test that runs it when the block shows behaviour, or a file that
 * already does what the block shows), then copy it into the doc. Name the file on the
 * line above the fence, relative to the repository's root:
 *
 * <pre>
 * &lt;!-- snippet: docs-examples/src/test/java/io/github/backgroundwork/examples/.../Example.java --&gt;
 * ```java
 * </pre>
 *
 * The marker is optional but makes the check look in that file only and the failure
 * message precise; without it, every compiled file is searched. The comparison ignores
 * indentation, tabs against spaces and runs of blanks (see {@link CompiledSources}); in a
 * block, {@code ...} stands for any text ({@code { ... }} for a body) and a line of only
 * {@code ...}, or a comment starting with {@code // ...}, for lines left out. A failure
 * names the block's file and line, and the closest compiled file with the first line it
 * lacks.
 */
class JavaBlocksAreCompiledCodeTests {

	private static final Path root = CodeBlock.repositoryRoot();

	private static final CompiledSources sources = new CompiledSources(root);

	@TestFactory
	Stream<DynamicTest> everyJavaBlockAppearsInACompiledFile() {
		return javaBlocks().stream().map((block) -> DynamicTest.dynamicTest(block.location(), () -> {
			Path in = (block.snippet() != null) ? Path.of(block.snippet()) : null;
			if (in != null) {
				assertThat(sources.contains(in))
					.withFailMessage("%s: the snippet marker names %s, which is no Java file the build compiles",
							block.location(), block.snippet())
					.isTrue();
			}
			assertThat(sources.find(block, in))
				.withFailMessage("%s: this Java block appears in no %s; %s", block.location(),
						(in != null) ? "line run of " + in : "compiled Java file", sources.closest(block, in))
				.isNotNull();
		}));
	}

	@Test
	void theDocsHaveJavaBlocks() {
		// Guards the check itself: a broken fence pattern would find nothing and pass
		assertThat(javaBlocks()).hasSizeGreaterThan(10);
	}

	private static List<CodeBlock> javaBlocks() {
		return CodeBlock.inDocs(root).stream().filter((block) -> block.language().equals("java")).toList();
	}

}
