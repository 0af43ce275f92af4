package io.github.backgroundwork.examples.export;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.backgroundwork.BackgroundWorkQueue;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A command-line application that exports every region in the background and exits when
 * all exports have ended. docs/usage.md shows this class; {@link ExportApplicationTests}
 * runs it.
 */
@SpringBootApplication
public class ExportApplication {

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(ExportApplication.class, args)));
	}

	@Bean
	CommandLineRunner exportEveryRegion(BackgroundWorkQueue queue, Regions regions, Exporter exporter) {
		return (args) -> {
			List<CompletableFuture<Void>> exports = regions.all()
				.stream()
				.map((region) -> queue.enqueue("region-export", (context) -> exporter.export(region, context)))
				.map((handle) -> handle.completion().toCompletableFuture())
				.toList();
			// Wait for all of them, failed ones included; their failures are logged by
			// the queue
			CompletableFuture.allOf(exports.toArray(CompletableFuture[]::new)).exceptionally((ex) -> null).join();
		};
	}

}
