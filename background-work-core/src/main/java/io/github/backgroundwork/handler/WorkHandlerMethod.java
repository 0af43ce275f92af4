package io.github.backgroundwork.handler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import io.github.backgroundwork.BackgroundWorkHandler;
import io.github.backgroundwork.WorkContext;
import io.github.backgroundwork.recurring.RecurringSchedule;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * A {@link BackgroundWorkHandler} method of one bean, checked and made invocable when it
 * is found so that nothing reflective is resolved per item.
 *
 * @since 0.1.0
 */
public final class WorkHandlerMethod {

	private static final String SHAPE = "a handler takes one payload parameter and optionally a WorkContext, "
			+ "in either order, and returns void or a CompletionStage";

	private final HandlerAnnotation annotation;

	private final Object bean;

	private final String beanName;

	private final Method method;

	private final Method declaredMethod;

	private final String description;

	private final Class<?> payloadType;

	private final Class<?> boxedPayloadType;

	private final int parameterCount;

	private final int payloadIndex;

	private final int contextIndex;

	private final boolean returnsCompletionStage;

	private WorkHandlerMethod(Object bean, String beanName, Class<?> targetClass, Method method,
			BackgroundWorkHandler annotation) {
		this.bean = bean;
		this.beanName = beanName;
		this.declaredMethod = method;
		this.description = describe(targetClass, method);
		this.annotation = HandlerAnnotation.read(annotation, this::invalid);
		Class<?>[] parameterTypes = method.getParameterTypes();
		this.parameterCount = parameterTypes.length;
		this.contextIndex = contextIndex(parameterTypes);
		this.payloadIndex = payloadIndex(parameterTypes);
		// A recurring handler takes no payload: its items carry their due time as a
		// String
		this.payloadType = (this.payloadIndex >= 0)
				? ResolvableType.forMethodParameter(method, this.payloadIndex, targetClass).toClass() : String.class;
		this.boxedPayloadType = ClassUtils.resolvePrimitiveIfNecessary(this.payloadType);
		Class<?> returnType = method.getReturnType();
		this.returnsCompletionStage = CompletionStage.class.isAssignableFrom(returnType);
		if (returnType != void.class && !this.returnsCompletionStage) {
			throw invalid("it returns " + returnType.getSimpleName() + "; " + SHAPE);
		}
		try {
			this.method = AopUtils.selectInvocableMethod(method, bean.getClass());
		}
		catch (IllegalStateException ex) {
			throw invalid("it cannot be called through the bean's proxy (" + ex.getMessage() + ")");
		}
		ReflectionUtils.makeAccessible(this.method);
	}

	/**
	 * Find the handler methods of a bean, looking through its proxy at the target class.
	 * @param bean the bean, perhaps a proxy
	 * @param beanName the bean's name, shown in error messages
	 * @return the bean's handler methods, none if it has none
	 * @throws IllegalStateException if a handler method has the wrong shape, naming it
	 */
	static List<WorkHandlerMethod> detect(Object bean, String beanName) {
		Class<?> targetClass = AopProxyUtils.ultimateTargetClass(bean);
		Map<Method, BackgroundWorkHandler> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<BackgroundWorkHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, BackgroundWorkHandler.class));
		List<WorkHandlerMethod> handlers = new ArrayList<>(annotated.size());
		annotated.forEach((method, annotation) -> handlers
			.add(new WorkHandlerMethod(bean, beanName, targetClass, method, annotation)));
		return handlers;
	}

	/**
	 * Return the name of the work this method handles.
	 * @return the name, not blank
	 */
	public String name() {
		return this.annotation.name();
	}

	/**
	 * Return the type of the payload parameter, as declared (perhaps a primitive).
	 * @return the payload type
	 */
	public Class<?> payloadType() {
		return this.payloadType;
	}

	/**
	 * Whether the method takes a {@link WorkContext} parameter.
	 * @return whether the context is passed
	 */
	public boolean takesContext() {
		return this.contextIndex >= 0;
	}

	/**
	 * Whether the method returns a {@link CompletionStage}: its item ends when the stage
	 * ends rather than when the method returns.
	 * @return whether the method is asynchronous
	 */
	public boolean returnsCompletionStage() {
		return this.returnsCompletionStage;
	}

	/**
	 * Return how many times a failed run is retried, if the annotation says so.
	 * @return the number of retries, or {@code null} to use the configured default
	 */
	public @Nullable Integer maxRetries() {
		return this.annotation.maxRetries();
	}

	/**
	 * Return how many items of this name may run at once.
	 * @return the limit, or {@code 0} for none
	 */
	public int concurrency() {
		return this.annotation.concurrency();
	}

	/**
	 * Whether the annotation makes this work recur ({@code cron} or {@code every}), even
	 * if its {@code cron} is {@code "-"}.
	 * @return whether the name is recurring
	 */
	public boolean isRecurring() {
		return this.annotation.isRecurring();
	}

	/**
	 * Return when the annotation says the work recurs; properties may override it.
	 * @return the schedule, or {@code null} if the work does not recur or its
	 * {@code cron} is {@code "-"}
	 */
	public @Nullable RecurringSchedule schedule() {
		return this.annotation.schedule();
	}

	/**
	 * Return the annotated method as declared on the bean's class (not its proxy).
	 * @return the method
	 */
	public Method method() {
		return this.declaredMethod;
	}

	/**
	 * Check that a payload can be handed to this method. Cheap: a type test.
	 * @param payload the payload of a request of this name
	 * @throws IllegalArgumentException if the payload's type does not fit the parameter,
	 * naming the work, this handler and both types
	 */
	public void checkPayload(Object payload) {
		if (!this.boxedPayloadType.isInstance(payload)) {
			throw new IllegalArgumentException(
					"Background work '" + name() + "' has a payload of type " + payload.getClass().getName()
							+ ", but its handler " + this.description + " takes a " + this.payloadType.getName());
		}
	}

	/**
	 * Call the method with a payload and the item's context.
	 * @param payload the payload, already {@linkplain #checkPayload(Object) checked}
	 * @param context the item's context
	 * @return the stage the method returned, or {@code null} if it returns {@code void}
	 * @throws Exception what the method threw, as it threw it
	 * @throws IllegalStateException if a method declared to return a stage returned
	 * {@code null}
	 */
	public @Nullable CompletionStage<?> invoke(Object payload, WorkContext context) throws Exception {
		@Nullable Object[] arguments = new Object[this.parameterCount];
		if (this.payloadIndex >= 0) {
			arguments[this.payloadIndex] = payload;
		}
		if (this.contextIndex >= 0) {
			arguments[this.contextIndex] = context;
		}
		Object result;
		try {
			result = this.method.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable failure = ex.getTargetException();
			if (failure instanceof Exception exception) {
				throw exception;
			}
			if (failure instanceof Error error) {
				throw error;
			}
			throw new UndeclaredThrowableException(failure);
		}
		if (!this.returnsCompletionStage) {
			return null;
		}
		if (result == null) {
			throw new IllegalStateException(
					"Background work handler " + this.description + " returned null instead of a CompletionStage");
		}
		return (CompletionStage<?>) result;
	}

	/**
	 * Whether this and another handler are the same method of the same bean class.
	 * @param other the other handler
	 * @return whether both were declared by one method
	 */
	boolean isSameMethodAs(WorkHandlerMethod other) {
		return this.declaredMethod.equals(other.declaredMethod);
	}

	/**
	 * Describe the method and its bean, for error messages.
	 * @return for example {@code com.example.Thumbnails#make(Thumbnail, WorkContext) of
	 * bean 'thumbnails'}
	 */
	String describeWithBean() {
		return this.description + " of bean '" + this.beanName + "'";
	}

	/**
	 * Return the method as {@code Class#method(ParameterTypes)}.
	 */
	@Override
	public String toString() {
		return this.description;
	}

	private int contextIndex(Class<?>[] parameterTypes) {
		int index = -1;
		for (int i = 0; i < parameterTypes.length; i++) {
			if (parameterTypes[i] == WorkContext.class) {
				if (index >= 0) {
					throw invalid("it takes more than one WorkContext; " + SHAPE);
				}
				index = i;
			}
		}
		return index;
	}

	private int payloadIndex(Class<?>[] parameterTypes) {
		int payloads = parameterTypes.length - (takesContext() ? 1 : 0);
		if (isRecurring()) {
			if (payloads > 0) {
				throw invalid("it recurs (cron or every) but takes " + payloads
						+ " payload parameter(s); a recurring handler takes no payload, optionally a WorkContext");
			}
			return -1;
		}
		if (payloads == 0) {
			throw invalid("it takes no payload parameter; " + SHAPE);
		}
		if (payloads > 1) {
			throw invalid("it takes " + payloads + " payload parameters; " + SHAPE);
		}
		return (this.contextIndex == 0 && parameterTypes.length == 2) ? 1 : 0;
	}

	private IllegalStateException invalid(String reason) {
		return new IllegalStateException("Invalid @BackgroundWorkHandler method " + this.description + " of bean '"
				+ this.beanName + "': " + reason);
	}

	private static String describe(Class<?> targetClass, Method method) {
		return targetClass.getName() + "#" + method.getName()
				+ Arrays.stream(method.getParameterTypes())
					.map(ClassUtils::getShortName)
					.collect(Collectors.joining(", ", "(", ")"));
	}

}
