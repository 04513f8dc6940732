package dev.squall.text;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.ZonedDateTime;

/**
 * The global functions Hugging Face gives chat templates, as Jinjava functions. Jinjava only calls
 * static methods, so the clock travels in the render context under {@link #CLOCK_KEY}. Stateless;
 * thread-safe.
 */
final class TemplateFunctions {
  private TemplateFunctions() {}

  static final String CLOCK_KEY = "__squall_clock__";

  static ELFunctionDefinition raiseException() {
    return define("raise_exception", "raiseException", Object.class);
  }

  static ELFunctionDefinition strftimeNow() {
    return define("strftime_now", "strftimeNow", String.class);
  }

  private static ELFunctionDefinition define(String name, String method, Class<?> arg) {
    try {
      Method m = TemplateFunctions.class.getDeclaredMethod(method, arg);
      m.setAccessible(true);
      return new ELFunctionDefinition("", name, m);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code raise_exception(msg)}: aborts the render with {@code msg}. */
  static Object raiseException(Object message) {
    throw new RaisedException(String.valueOf(message));
  }

  /** {@code strftime_now(fmt)}: Python strftime of the render's clock, in the clock's zone. */
  static String strftimeNow(String format) {
    Object c = JinjavaInterpreter.getCurrent().getContext().get(CLOCK_KEY);
    if (!(c instanceof Clock clock)) {
      throw new IllegalStateException("strftime_now called outside a ChatTemplate render");
    }
    return Strftime.format(ZonedDateTime.now(clock), format);
  }

  /** Carries {@code raise_exception}'s message out of Jinjava. */
  static final class RaisedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RaisedException(String message) {
      super(message);
    }
  }
}
