package io.github.backgroundwork.demo.testing;

import io.github.backgroundwork.BackgroundWorkQueue;
import io.github.backgroundwork.BackgroundWork;
import io.github.backgroundwork.WorkHandle;
import io.github.backgroundwork.demo.customers.CustomerRepository;
import io.github.backgroundwork.demo.mail.CustomerMailSender;
import io.github.backgroundwork.demo.mail.CustomerNotifier;
import io.github.backgroundwork.demo.mail.DemoMailProperties;
import io.github.backgroundwork.demo.mail.NotificationController;
import io.github.backgroundwork.demo.mail.SentMailLedger;
import io.github.backgroundwork.demo.pictures.PictureFilesConfiguration;
import io.github.backgroundwork.demo.pictures.PictureProperties;
import io.github.backgroundwork.demo.web.WorkLocations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * Example: a {@code @WebMvcTest} slice with a mock queue, for a test of the web layer
 * that only checks that work was handed off, not what it does.
 */
// The demo's picture files configuration needs the picture store, which this slice leaves
// out
@WebMvcTest(controllers = NotificationController.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
				classes = PictureFilesConfiguration.class))
@Import({ CustomerNotifier.class, CustomerMailSender.class, WorkLocations.class })
@EnableConfigurationProperties({ DemoMailProperties.class, PictureProperties.class })
class MockQueueSliceTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private BackgroundWorkQueue queue;

	@MockitoBean
	private CustomerRepository customers;

	@MockitoBean
	private JavaMailSender mailSender;

	@MockitoBean
	private SentMailLedger ledger;

	@Test
	void notificationIsHandedToTheQueue() {
		WorkHandle handle = mock(WorkHandle.class);
		given(handle.id()).willReturn("k3XbQ9aZ-1f");
		given(handle.name()).willReturn(CustomerNotifier.WORK_NAME);
		given(this.queue.enqueue(eq(CustomerNotifier.WORK_NAME), any(BackgroundWork.class))).willReturn(handle);
		assertThat(this.mvc.post()
			.uri("/customers/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\": \"Sale\", \"message\": \"20% off\"}")).hasStatus(HttpStatus.ACCEPTED)
			.bodyJson()
			.extractingPath("$.id")
			.isEqualTo("k3XbQ9aZ-1f");
		verify(this.queue).enqueue(eq(CustomerNotifier.WORK_NAME), any(BackgroundWork.class));
		verifyNoInteractions(this.mailSender);
	}

}
