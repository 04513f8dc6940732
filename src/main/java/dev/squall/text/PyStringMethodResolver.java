package dev.squall.text;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Lets templates call the Python {@code str} methods that Hugging Face chat templates use ({@code
 * strip lstrip rstrip startswith endswith split upper lower title capitalize replace find count})
 * on Java strings, with Python semantics. Everything else falls through to the next resolver.
 * Stateless; thread-safe.
 */
final class PyStringMethodResolver extends ELResolver {

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (!(base instanceof String s) || method == null) {
      return null;
    }
    Object[] p = params == null ? new Object[0] : params;
    Object result = call(s, method.toString(), p);
    if (result != NOT_HANDLED) {
      context.setPropertyResolved(true);
      return result;
    }
    return null;
  }

  private static final Object NOT_HANDLED = new Object();

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static int intArg(Object[] p, int i, int dflt) {
    return p.length > i && p[i] != null ? ((Number) p[i]).intValue() : dflt;
  }

  private static Object call(String s, String name, Object[] p) {
    switch (name) {
      case "strip":
        return PyStrings.strip(s, p.length > 0 ? str(p[0]) : null);
      case "lstrip":
        return PyStrings.lstrip(s, p.length > 0 ? str(p[0]) : null);
      case "rstrip":
        return PyStrings.rstrip(s, p.length > 0 ? str(p[0]) : null);
      case "startswith":
      case "endswith":
        return affix(s, name.equals("startswith"), p);
      case "split":
        return PyStrings.split(s, p.length > 0 ? str(p[0]) : null, intArg(p, 1, -1));
      case "upper":
        return s.toUpperCase(Locale.ROOT);
      case "lower":
        return s.toLowerCase(Locale.ROOT);
      case "capitalize":
        return s.isEmpty()
            ? s
            : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
      case "title":
        return title(s);
      case "replace":
        return p.length == 2 ? s.replace(str(p[0]), str(p[1])) : NOT_HANDLED;
      case "find":
        return p.length == 1 ? s.indexOf(str(p[0])) : NOT_HANDLED;
      case "count":
        return p.length == 1 ? count(s, str(p[0])) : NOT_HANDLED;
      default:
        return NOT_HANDLED;
    }
  }

  private static Object affix(String s, boolean start, Object[] p) {
    if (p.length != 1) {
      return NOT_HANDLED;
    }
    Iterable<?> options =
        p[0] instanceof Iterable<?> it ? it : java.util.List.of(String.valueOf(p[0]));
    for (Object o : options) {
      String a = String.valueOf(o);
      if (start ? s.startsWith(a) : s.endsWith(a)) {
        return true;
      }
    }
    return false;
  }

  private static int count(String s, String sub) {
    if (sub.isEmpty()) {
      return s.codePointCount(0, s.length()) + 1;
    }
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
      n++;
    }
    return n;
  }

  private static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean prevCased = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      sb.appendCodePoint(prevCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
      prevCased = Character.isLetter(c);
      i += Character.charCount(c);
    }
    return sb.toString();
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {}

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }
}
