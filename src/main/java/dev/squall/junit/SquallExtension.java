package dev.squall.junit;

import dev.squall.ConfigException;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.rm.RewardModel;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import dev.squall.world.Split;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects {@code @Model("name") RewardModel} and {@code @Dataset.Of(world = ..., split = ..., size
 * = ..., seed = ...) Dataset} parameters. Use with {@code @ExtendWith(SquallExtension.class)} or
 * {@link SquallTest}.
 *
 * <p>Models and datasets are created once per test class and cached in the class's {@link
 * ExtensionContext.Store} (namespace {@code dev.squall.junit.SquallExtension}); models are closed
 * when the class's tests are done. Configuration errors ({@link ParameterResolutionException})
 * name the test method, the parameter and the bad attribute. Thread-safe as JUnit's store is; the
 * injected models themselves are not (run a class's tests in one thread).
 */
public final class SquallExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SquallExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    Parameter p = pc.getParameter();
    return (pc.isAnnotated(Model.class) && RewardModel.class.isAssignableFrom(p.getType()))
        || (pc.isAnnotated(Dataset.Of.class) && p.getType() == Dataset.class);
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    ExtensionContext classContext = classContext(ec);
    ExtensionContext.Store store = classContext.getStore(NAMESPACE);
    if (pc.isAnnotated(Model.class)) {
      String name = pc.findAnnotation(Model.class).orElseThrow().value();
      Class<?> testClass = classContext.getRequiredTestClass();
      ModelHolder h = store.getOrComputeIfAbsent(
          "model:" + name, k -> new ModelHolder(load(name, testClass, pc, ec)), ModelHolder.class);
      return h.model;
    }
    Dataset.Of a = pc.findAnnotation(Dataset.Of.class).orElseThrow();
    String key = "dataset:" + a.world() + "/" + a.split() + "/" + a.size() + "/" + a.seed();
    return store.getOrComputeIfAbsent(key, k -> dataset(a, pc, ec), Dataset.class);
  }

  private static ExtensionContext classContext(ExtensionContext ec) {
    ExtensionContext c = ec;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private static Dataset dataset(Dataset.Of a, ParameterContext pc, ExtensionContext ec) {
    Split split;
    try {
      split = Split.fromId(a.split());
    } catch (ConfigException e) {
      throw error(pc, ec, "@Dataset.Of(split = \"" + a.split() + "\")", e.getMessage());
    }
    if (a.size() < 1) {
      throw error(pc, ec, "@Dataset.Of(size = " + a.size() + ")", "size must be >= 1");
    }
    try {
      return Datasets.world(a.world(), split, a.size(), a.seed());
    } catch (ConfigException e) {
      throw error(pc, ec, "@Dataset.Of(world = \"" + a.world() + "\")", e.getMessage());
    }
  }

  private static RewardModel load(String name, Class<?> testClass, ParameterContext pc, ExtensionContext ec) {
    List<Method> factories = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        ModelFactory f = m.getAnnotation(ModelFactory.class);
        if (f != null) {
          known.add(f.value());
          if (f.value().equals(name)) {
            factories.add(m);
          }
        }
      }
    }
    String attr = "@Model(\"" + name + "\")";
    if (!factories.isEmpty()) {
      Method m = factories.get(0);
      if (!Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0
          || !RewardModel.class.isAssignableFrom(m.getReturnType())) {
        throw error(pc, ec, attr, "@ModelFactory method " + m.getName()
            + " must be static, take no parameters and return a RewardModel");
      }
      try {
        m.setAccessible(true);
        return (RewardModel) m.invoke(null);
      } catch (IllegalAccessException | InvocationTargetException e) {
        Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
        throw error(pc, ec, attr, "@ModelFactory method " + m.getName() + " failed: " + cause);
      }
    }
    if (EmbeddedModels.isEmbedded(name) || Files.isDirectory(Path.of(name))) {
      try {
        return LocalModels.loadRewardModel(EmbeddedModels.resolve(name), LoadOptions.defaults());
      } catch (RuntimeException e) {
        throw error(pc, ec, attr, "cannot load model '" + name + "': " + e.getMessage());
      }
    }
    String embedded = EmbeddedModels.NAMES.stream().filter(EmbeddedModels::isEmbedded)
        .filter(n -> !n.equals("policy")).collect(Collectors.joining(", "));
    throw error(pc, ec, attr, "unknown model '" + name + "': no @ModelFactory(\"" + name + "\") method in "
        + testClass.getSimpleName() + " (factories: " + (known.isEmpty() ? "none" : String.join(", ", known))
        + "), not an embedded model (embedded in this build: " + (embedded.isEmpty() ? "none" : embedded)
        + ") and not a model folder");
  }

  private static ParameterResolutionException error(ParameterContext pc, ExtensionContext ec, String attr, String why) {
    java.lang.reflect.Executable m = pc.getDeclaringExecutable();
    String params = java.util.Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
        .collect(Collectors.joining(", "));
    return new ParameterResolutionException(
        "Squall configuration error in test method " + m.getDeclaringClass().getSimpleName() + "#"
            + (m instanceof Method ? m.getName() : "<init>")
            + "(" + params + "), parameter " + pc.getIndex()
            + (pc.getParameter().isNamePresent() ? " (" + pc.getParameter().getName() + ")" : "") + ": " + attr
            + ": " + why);
  }

  /**
   * Closes its model (once) when the class's store is closed. Both interfaces: JUnit 5.13+ closes
   * {@code AutoCloseable} store values, older versions {@code CloseableResource} ones.
   */
  @SuppressWarnings("deprecation")
  private static final class ModelHolder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final RewardModel model;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    ModelHolder(RewardModel model) {
      this.model = model;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        model.close();
      }
    }
  }
}
