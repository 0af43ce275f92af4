package io.github.backgroundwork.examples.export;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The regions to export.
 */
@Component
class Regions {

	List<String> all() {
		return List.of("north", "south", "east", "west");
	}

}
