package io.github.backgroundwork.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo application.
 *
 * @since 0.1.0
 */
@SpringBootApplication
public class DemoApplication {

	/**
	 * Start the demo.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
