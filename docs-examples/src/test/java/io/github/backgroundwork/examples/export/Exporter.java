package io.github.backgroundwork.examples.export;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.backgroundwork.WorkContext;

import org.springframework.stereotype.Component;

/**
 * Exports a region, slowly; one region's export fails.
 */
@Component
class Exporter {

	final List<String> exported = new CopyOnWriteArrayList<>();

	void export(String region, WorkContext context) throws InterruptedException {
		Thread.sleep(200);
		if (region.equals("east")) {
			throw new IllegalStateException("The east's data is unavailable");
		}
		this.exported.add(region);
	}

}
