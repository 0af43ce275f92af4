package io.github.backgroundwork.demo.pictures;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the stored pictures and thumbnails under {@code /pictures/files/}, with Spring
 * MVC's resource handling (which refuses paths that leave the directory).
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class PictureFilesConfiguration implements WebMvcConfigurer {

	private final PictureStore store;

	/**
	 * Create the configuration.
	 * @param store where pictures are kept
	 */
	public PictureFilesConfiguration(PictureStore store) {
		this.store = store;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/pictures/files/**")
			.addResourceLocations(this.store.directory().toUri().toString());
	}

}
