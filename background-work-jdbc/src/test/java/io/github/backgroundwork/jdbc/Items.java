package io.github.backgroundwork.jdbc;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Items for the store's tests.
 */
final class Items {

	private Items() {
	}

	static String newId() {
		return UUID.randomUUID().toString().substring(0, 12);
	}

	static NewWork item(String name) {
		return item(name, null);
	}

	static NewWork item(String name, @Nullable String key) {
		return item(name, key, 3);
	}

	static NewWork item(String name, @Nullable String key, int maxRetries) {
		return NewWork.of(newId(), name, key, "{\"path\":\"/tmp/" + name + "\"}", "com.example.Thumbnail", maxRetries);
	}

}
