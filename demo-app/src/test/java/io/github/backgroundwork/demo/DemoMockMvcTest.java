package io.github.backgroundwork.demo;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole demo (embedded H2 and SMTP server, real queue) behind MockMvc, with few
 * customers, no send delay and a small upload limit. Test classes that use it share one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(properties = { "demo.customers.count=12", "demo.mail.send-delay=0", "demo.pictures.max-size=64KB" })
@AutoConfigureMockMvc
public @interface DemoMockMvcTest {

}
