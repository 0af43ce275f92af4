package io.github.backgroundwork.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Turns names of work into tag values of meters and observations, with a bound on how
 * many distinct names become tags: the first names seen are used as they are, every later
 * one is tagged {@value #OVERFLOW}, and the first such name is logged at WARN. So that a
 * caller who puts an id in a name cannot create a time series per item. Share one
 * instance between everything that tags by name, so that they admit the same names.
 *
 * @since 0.1.0
 */
public class WorkNameTags {

	/**
	 * The tag value of every name past the bound.
	 */
	public static final String OVERFLOW = "OTHER";

	private static final Log logger = LogFactory.getLog(WorkNameTags.class);

	private final int maxNames;

	private final String property;

	private final Set<String> admitted = ConcurrentHashMap.newKeySet();

	private volatile boolean warned;

	/**
	 * Create a bound.
	 * @param maxNames how many distinct names to use as tag values, at least 1
	 * @param property the setting that decides the bound, named in the warning
	 */
	public WorkNameTags(int maxNames, String property) {
		if (maxNames < 1) {
			throw new IllegalArgumentException("maxNames must be at least 1, was " + maxNames);
		}
		this.maxNames = maxNames;
		this.property = property;
	}

	/**
	 * Return the tag value of a name: the name itself if it is one of the first
	 * {@code maxNames} seen, {@value #OVERFLOW} otherwise. Does not block once the bound
	 * is reached or the name is known.
	 * @param name the name of the work
	 * @return the tag value
	 */
	public String tagValue(String name) {
		if (this.admitted.contains(name)) {
			return name;
		}
		if (this.admitted.size() >= this.maxNames) {
			return overflow(name);
		}
		synchronized (this.admitted) {
			if (this.admitted.size() < this.maxNames) {
				this.admitted.add(name);
				return name;
			}
		}
		return overflow(name);
	}

	/**
	 * Return how many distinct names may be tag values.
	 * @return the bound
	 */
	public int getMaxNames() {
		return this.maxNames;
	}

	private String overflow(String name) {
		if (!this.warned) {
			synchronized (this) {
				if (!this.warned) {
					this.warned = true;
					logger.warn("More than " + this.maxNames + " distinct names of background work: '" + name
							+ "' and every further name are tagged '" + OVERFLOW + "' in meters and observations. "
							+ "Names should be kinds of work, not ids; raise " + this.property
							+ " if you need more names.");
				}
			}
		}
		return OVERFLOW;
	}

}
