package io.github.backgroundwork.demo.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.github.backgroundwork.WorkRejectedException;
import io.github.backgroundwork.demo.pictures.PictureProperties;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns errors into RFC 9457 problem details that name the culprit: the request field
 * that failed validation or could not be read, the form value that was not URL-encoded,
 * the size limit an upload broke, or why the queue refused work
 * ({@code 503 Service Unavailable} with {@code Retry-After}, never a stack trace).
 *
 * @since 0.1.0
 */
@RestControllerAdvice
public class DemoExceptionHandler extends ResponseEntityExceptionHandler {

	/**
	 * Seconds a client should wait before it tries again after a refusal.
	 */
	static final int RETRY_AFTER_SECONDS = 5;

	private final PictureProperties pictures;

	/**
	 * Create the handler.
	 * @param pictures the upload size limit, for the message of larger uploads
	 */
	public DemoExceptionHandler(PictureProperties pictures) {
		this.pictures = pictures;
	}

	/**
	 * Answer {@code 503} with {@code Retry-After} when the queue refuses work, because it
	 * is full or because the application is shutting down.
	 * @param ex the refusal
	 * @return the problem
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> workRejected(WorkRejectedException ex) {
		String detail = switch (ex.getReason()) {
			case CAPACITY -> "The background work queue is full, try again later: " + ex.getMessage();
			case SHUTTING_DOWN ->
				"The application is shutting down and takes no more background work: " + ex.getMessage();
			case INTERRUPTED -> "The request was interrupted while it waited for room in the queue: " + ex.getMessage();
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setTitle("Background work refused");
		problem.setProperty("reason", ex.getReason().name());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
			.body(problem);
	}

	/**
	 * Answer {@code 400} when the server cannot decode a form value, for example
	 * {@code message=20% off} sent without URL-encoding ({@code curl -d} instead of
	 * {@code --data-urlencode}). Tomcat's message names the parameter.
	 * @param ex the decoding failure
	 * @return the problem
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException ex) {
		String message = String.valueOf(ex.getMessage());
		int note = message.indexOf(" Note that");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The form data is not URL-encoded: " + ((note > 0) ? message.substring(0, note) : message)
						+ " Encode each value (with curl: --data-urlencode instead of -d).");
		problem.setTitle("Undecodable form data");
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The request body is missing or is not JSON");
		if (ex.getMostSpecificCause() instanceof JacksonException json) {
			String field = json.getPath()
				.stream()
				.map(JacksonException.Reference::getPropertyName)
				.filter(Objects::nonNull)
				.collect(Collectors.joining("."));
			problem.setDetail(
					"The request body could not be read as JSON" + (field.isEmpty() ? "" : " in field '" + field + "'")
							+ at(json.getLocation()) + ": " + json.getOriginalMessage());
			if (!field.isEmpty()) {
				problem.setProperty("field", field);
			}
		}
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	private static String at(@Nullable TokenStreamLocation location) {
		return (location != null) ? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.merge(error.getField(), String.valueOf(error.getDefaultMessage()), (a, b) -> a + ", " + b);
		}
		String detail = errors.entrySet()
			.stream()
			.map((error) -> error.getKey() + ": " + error.getValue())
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "Invalid request: " + detail);
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "The upload is larger than the limit of "
				+ this.pictures.describeMaxSize() + " (demo.pictures.max-size)");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

}
