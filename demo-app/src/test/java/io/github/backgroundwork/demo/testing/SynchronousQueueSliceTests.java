package io.github.backgroundwork.demo.testing;

import java.util.List;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.demo.customers.Customer;
import io.github.backgroundwork.demo.customers.CustomerRepository;
import io.github.backgroundwork.demo.mail.CustomerMailSender;
import io.github.backgroundwork.demo.mail.CustomerNotifier;
import io.github.backgroundwork.demo.mail.DemoMailProperties;
import io.github.backgroundwork.demo.mail.NotificationController;
import io.github.backgroundwork.demo.mail.SentMailLedger;
import io.github.backgroundwork.demo.pictures.PictureFilesConfiguration;
import io.github.backgroundwork.demo.pictures.PictureProperties;
import io.github.backgroundwork.demo.web.WorkLocations;
import io.github.backgroundwork.test.SynchronousBackgroundWorkQueue;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Example: a {@code @WebMvcTest} slice whose queue runs the work on the request's thread,
 * so that the work is done when the response is. A slice has no auto-configured queue;
 * the test declares a {@link SynchronousBackgroundWorkQueue} bean.
 */
// The demo's picture files configuration needs the picture store, which this slice leaves
// out
@WebMvcTest(controllers = NotificationController.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
				classes = PictureFilesConfiguration.class))
@Import({ CustomerNotifier.class, CustomerMailSender.class, WorkLocations.class })
@EnableConfigurationProperties({ DemoMailProperties.class, PictureProperties.class })
class SynchronousQueueSliceTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private BackgroundWorkQueue queue;

	@MockitoBean
	private CustomerRepository customers;

	@MockitoBean
	private JavaMailSender mailSender;

	@MockitoBean
	private SentMailLedger ledger;

	@Test
	void everyCustomerIsMailedBeforeTheResponse() {
		given(this.customers.count()).willReturn(2L);
		given(this.customers.findAfter(0, 100)).willReturn(
				List.of(new Customer(1, "Ada", "ada@example.com"), new Customer(2, "Alan", "alan@example.com")));
		given(this.customers.findAfter(2, 100)).willReturn(List.of());
		assertThat(this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Sale\", \"message\": \"20% off\"}")).hasStatus(HttpStatus.ACCEPTED);
		verify(this.mailSender, times(2)).send(any(SimpleMailMessage.class));
		assertThat(this.queue.statistics().totals().succeeded()).isEqualTo(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SynchronousQueueConfiguration {

		@Bean
		SynchronousBackgroundWorkQueue backgroundWorkQueue() {
			return new SynchronousBackgroundWorkQueue();
		}

	}

}
