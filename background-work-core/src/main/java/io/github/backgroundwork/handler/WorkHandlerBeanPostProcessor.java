package io.github.backgroundwork.handler;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.backgroundwork.BackgroundWorkHandler;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Finds {@link BackgroundWorkHandler} methods on beans as they are created, as Spring's
 * {@code ScheduledAnnotationBeanPostProcessor} finds {@code @Scheduled} ones, and
 * registers them in its {@link WorkHandlers}. A method of the wrong shape, or a second
 * handler for a name, fails the creation of its bean and so the startup.
 * <p>
 * Handlers on lazy beans are found only once those beans are created; handlers on scoped
 * beans are invoked through their scoped proxy.
 *
 * @since 0.1.0
 */
public class WorkHandlerBeanPostProcessor implements BeanPostProcessor, SmartInitializingSingleton {

	private final WorkHandlers handlers = new WorkHandlers();

	private final Set<Class<?>> classesWithoutHandlers = ConcurrentHashMap.newKeySet();

	/**
	 * Return the registry this processor fills.
	 * @return the handlers found so far, and every handler once the context has started
	 */
	public WorkHandlers handlers() {
		return this.handlers;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AopInfrastructureBean || ScopedProxyUtils.isScopedTarget(beanName)) {
			return bean;
		}
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		if (this.classesWithoutHandlers.contains(targetClass)) {
			return bean;
		}
		List<WorkHandlerMethod> found = AnnotationUtils.isCandidateClass(targetClass, BackgroundWorkHandler.class)
				? WorkHandlerMethod.detect(bean, beanName) : List.of();
		if (found.isEmpty()) {
			this.classesWithoutHandlers.add(targetClass);
		}
		found.forEach(this.handlers::register);
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.handlers.discoveryComplete();
	}

}
