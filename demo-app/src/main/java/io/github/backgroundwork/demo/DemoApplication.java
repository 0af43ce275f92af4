package io.github.backgroundwork.demo;

import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.ApplicationPidFileWriter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo application: a web page that mails every customer and makes picture thumbnails
 * as background work, and shows that work live. Started from {@link #main}, it writes its
 * process id to {@code spring.pid.file}, so that {@code kill "$(cat that-file)"} stops
 * this demo and nothing else.
 *
 * @since 0.1.0
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoApplication {

	private static final Log logger = LogFactory.getLog(DemoApplication.class);

	/**
	 * Start the demo.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(DemoApplication.class);
		// Writes spring.pid.file as the context starts, deleted at a normal exit
		application.addListeners(new ApplicationPidFileWriter());
		ConfigurableApplicationContext context = application.run(args);
		String pidFile = context.getEnvironment().getProperty("spring.pid.file");
		if (pidFile != null) {
			String file = Path.of(pidFile).toAbsolutePath().toString();
			logger.info("Demo running with PID " + ProcessHandle.current().pid() + ", written to " + file
					+ ": kill \"$(cat " + file + ")\" stops it as Ctrl+C does, kill -9 \"$(cat " + file
					+ ")\" kills it");
		}
	}

}
