package io.github.backgroundwork.actuate;

import org.springframework.test.context.TestPropertySource;

/**
 * The endpoint's actions on work stored in H2.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:endpoint-actions")
class H2EndpointStoredActionsTests extends AbstractEndpointStoredActionsTests {

}
