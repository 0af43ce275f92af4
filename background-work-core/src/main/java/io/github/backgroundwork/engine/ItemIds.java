package io.github.backgroundwork.engine;

import java.security.SecureRandom;

import org.jspecify.annotations.Nullable;

/**
 * Item ids: a random prefix drawn once per queue, then the item's sequence number in base
 * 36, as in {@code k3XbQ9aZ-1f}. Unique across restarts and instances (the prefix has 47
 * random bits), short, URL-safe, and made only when asked for.
 */
final class ItemIds {

	private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final int PREFIX_LENGTH = 8;

	private final String prefix;

	ItemIds() {
		this(randomPrefix(new SecureRandom()));
	}

	ItemIds(String prefix) {
		this.prefix = prefix;
	}

	private static String randomPrefix(SecureRandom random) {
		char[] chars = new char[PREFIX_LENGTH];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
		}
		return new String(chars);
	}

	String format(long sequence) {
		return this.prefix + '-' + Long.toString(sequence, 36);
	}

	/**
	 * Return the sequence number of an id of this queue.
	 * @param id any string
	 * @return the sequence number, or -1 if the id is not one of this queue's
	 */
	long parse(@Nullable String id) {
		if (id == null || id.length() <= this.prefix.length() + 1 || id.length() > this.prefix.length() + 13
				|| !id.startsWith(this.prefix) || id.charAt(this.prefix.length()) != '-') {
			return -1;
		}
		long sequence = 0;
		for (int i = this.prefix.length() + 1; i < id.length(); i++) {
			int digit = Character.digit(id.charAt(i), 36);
			if (digit < 0 || Character.isUpperCase(id.charAt(i))) {
				return -1;
			}
			sequence = sequence * 36 + digit;
		}
		return sequence;
	}

}
