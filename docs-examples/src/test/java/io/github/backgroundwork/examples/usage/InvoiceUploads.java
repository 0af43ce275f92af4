package io.github.backgroundwork.examples.usage;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.github.backgroundwork.BackgroundWorkQueue;
import org.jspecify.annotations.Nullable;

/**
 * Work that is asynchronous itself (a client returning a {@link CompletionStage}): the
 * item ends when the stage completes, holding no worker meanwhile. docs/usage.md shows
 * these lines; {@link LambdaWorkTests} runs them.
 */
class InvoiceUploads {

	void upload(BackgroundWorkQueue queue, InvoiceStorage storage, Audit audit, Invoice invoice) {
		queue.enqueueAsync("invoice-upload", (context) -> storage.upload(invoice) // CompletionStage<?>
			.whenComplete((result, ex) -> audit.uploaded(invoice.id(), ex)));
	}

	/**
	 * An invoice to upload.
	 *
	 * @param id its number
	 */
	record Invoice(String id) {

	}

	/**
	 * An asynchronous storage client.
	 */
	static class InvoiceStorage {

		final CompletableFuture<String> upload = new CompletableFuture<>();

		CompletionStage<String> upload(Invoice invoice) {
			return this.upload;
		}

	}

	/**
	 * Records each upload's outcome.
	 */
	static class Audit {

		final Map<String, String> outcomes = new ConcurrentHashMap<>();

		void uploaded(String invoice, @Nullable Throwable failure) {
			this.outcomes.put(invoice, (failure != null) ? "failed" : "uploaded");
		}

	}

}
