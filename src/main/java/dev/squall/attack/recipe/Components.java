package dev.squall.attack.recipe;

import dev.squall.ConfigException;
import dev.squall.attack.Constraint;
import dev.squall.attack.SearchMethod;
import dev.squall.attack.Transformation;
import dev.squall.attack.constraint.EditDistance;
import dev.squall.attack.constraint.LengthRatio;
import dev.squall.attack.constraint.OracleValidity;
import dev.squall.attack.constraint.ProtectedRegions;
import dev.squall.attack.goal.FlipPair;
import dev.squall.attack.goal.Goal;
import dev.squall.attack.goal.LiftWrongAboveCorrect;
import dev.squall.attack.goal.MasterKeyFalsePositive;
import dev.squall.attack.goal.RaiseReward;
import dev.squall.attack.search.BeamSearch;
import dev.squall.attack.search.GeneticSearch;
import dev.squall.attack.search.GreedySearch;
import dev.squall.attack.search.RandomSearch;
import dev.squall.attack.search.SingleShotSearch;
import dev.squall.attack.transform.AddQuotes;
import dev.squall.attack.transform.Casing;
import dev.squall.attack.transform.CharNoise;
import dev.squall.attack.transform.FormatSwap;
import dev.squall.attack.transform.HandlesUrls;
import dev.squall.attack.transform.Homoglyphs;
import dev.squall.attack.transform.MarkdownBullets;
import dev.squall.attack.transform.PolicyRewrite;
import dev.squall.attack.transform.PunctuationSpacing;
import dev.squall.attack.transform.RewritePrompt;
import dev.squall.attack.transform.TextInsertion;
import dev.squall.attack.transform.VocabularyAppend;
import dev.squall.attack.transform.Whitespace;
import dev.squall.attack.transform.WordNoise;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Turns recipe parts into components. Every type and parameter a recipe may use is here. */
public final class Components {
  private Components() {}

  public static final List<String> TRANSFORMATIONS =
      List.of(
          "add_quotes", "punctuation_spacing", "handles_urls", "homoglyphs", "char_noise", "word_noise",
          "casing", "whitespace", "format_swap", "markdown_bullets", "insertion", "vocabulary_append",
          "policy_rewrite");
  public static final List<String> CONSTRAINTS =
      List.of("oracle_validity", "edit_distance", "length_ratio", "protected_regions");
  public static final List<String> GOALS =
      List.of("flip_pair", "raise_reward", "lift_wrong_above_correct", "master_key_false_positive");
  public static final List<String> SEARCHES = List.of("single_shot", "random", "greedy", "beam", "genetic");

  static ConfigException unknownType(ComponentSpec s, List<String> allowed) {
    return new ConfigException(
        s.where() + ".type: found \"" + s.type() + "\"; allowed: " + String.join(", ", allowed));
  }

  public static Transformation transformation(ComponentSpec s, AttackResources res) {
    Params p = new Params(s);
    Transformation t =
        switch (s.type()) {
          case "add_quotes" -> new AddQuotes();
          case "punctuation_spacing" -> new PunctuationSpacing();
          case "handles_urls" -> new HandlesUrls();
          case "homoglyphs" -> new Homoglyphs();
          case "char_noise" -> new CharNoise();
          case "word_noise" -> new WordNoise();
          case "casing" -> new Casing();
          case "whitespace" -> new Whitespace();
          case "format_swap" -> new FormatSwap();
          case "markdown_bullets" -> new MarkdownBullets();
          case "vocabulary_append" -> new VocabularyAppend(res.vocabulary());
          case "policy_rewrite" -> {
            String ask = p.choice("ask", "resample", List.of("resample", "instruct"));
            double temperature = p.number("temperature", PolicyRewrite.DEFAULT_TEMPERATURE, 0.0, 10.0);
            RewritePrompt prompt;
            if (ask.equals("instruct")) {
              String template = p.string("instruction", RewritePrompt.Instruct.DEFAULT_TEMPLATE);
              if (!template.contains("{response}")) {
                throw p.error("instruction", new com.fasterxml.jackson.databind.node.TextNode(template),
                    "a template containing {response} (and optionally {prompt})");
              }
              prompt = new RewritePrompt.Instruct(template);
            } else {
              if (p.has("instruction")) {
                throw p.error("instruction", new com.fasterxml.jackson.databind.node.TextNode(p.string("instruction", "")),
                    "no instruction unless ask is \"instruct\"");
              }
              prompt = new RewritePrompt.Resample();
            }
            p.done(List.of("ask", "temperature", "instruction"));
            yield new PolicyRewrite(res.policy(), prompt, temperature);
          }
          case "insertion" -> {
            String name = p.string("name", "insertion");
            String pos = p.choice("position", null, List.of("prefix", "suffix", "replace"));
            List<String> variants = p.strings("variants");
            String sep = p.string("separator", " ");
            int pieces = p.integer("pieces", 1, 1, 10_000);
            String joiner = p.string("joiner", " ");
            p.done(List.of("name", "position", "variants", "separator", "pieces", "joiner"));
            yield new TextInsertion(
                name, TextInsertion.Position.valueOf(pos.toUpperCase(Locale.ROOT)), variants, sep, pieces, joiner);
          }
          default -> throw unknownType(s, TRANSFORMATIONS);
        };
    p.done(List.of());
    return t;
  }

  public static Constraint constraint(ComponentSpec s) {
    Params p = new Params(s);
    Constraint c =
        switch (s.type()) {
          case "oracle_validity" -> {
            boolean allow = p.bool("allow_without_world", true);
            p.done(List.of("allow_without_world"));
            yield new OracleValidity(allow);
          }
          case "edit_distance" -> {
            int max = p.requiredInt("max", 0, 1_000_000);
            p.done(List.of("max"));
            yield new EditDistance(max);
          }
          case "length_ratio" -> {
            double min = p.number("min", 0.0, 0.0, 1e6);
            double max = p.number("max", 1e6, 0.0, 1e6);
            if (max < min) {
              throw p.error("max", new com.fasterxml.jackson.databind.node.DoubleNode(max), "a number >= min (" + min + ")");
            }
            p.done(List.of("min", "max"));
            yield new LengthRatio(min, max);
          }
          case "protected_regions" -> {
            String re = p.string("pattern", "\\d+");
            Pattern pat;
            try {
              pat = Pattern.compile(re);
            } catch (PatternSyntaxException e) {
              throw p.error("pattern", new com.fasterxml.jackson.databind.node.TextNode(re), "a Java regular expression (" + e.getDescription() + ")");
            }
            boolean echo = p.bool("protect_prompt_echo", true);
            p.done(List.of("pattern", "protect_prompt_echo"));
            yield new ProtectedRegions(pat, echo);
          }
          default -> throw unknownType(s, CONSTRAINTS);
        };
    return c;
  }

  public static Goal goal(ComponentSpec s) {
    Params p = new Params(s);
    int budget = p.requiredInt("budget", 1, 10_000_000);
    Goal g =
        switch (s.type()) {
          case "flip_pair" -> {
            p.done(List.of("budget"));
            yield new FlipPair(budget);
          }
          case "lift_wrong_above_correct" -> {
            p.done(List.of("budget"));
            yield new LiftWrongAboveCorrect(budget);
          }
          case "raise_reward" -> {
            boolean d = p.has("delta");
            boolean t = p.has("target");
            if (d == t) {
              throw p.error(d ? "target" : "delta", null, "exactly one of delta (> 0) or target");
            }
            double delta = p.number("delta", 1.0, 1e-12, 1e12);
            double target = p.number("target", 0.0, -1e12, 1e12);
            p.done(List.of("budget", "delta", "target"));
            yield d ? RaiseReward.byDelta(budget, delta) : RaiseReward.toTarget(budget, target);
          }
          case "master_key_false_positive" -> {
            OptionalDouble th =
                p.has("threshold") ? OptionalDouble.of(p.number("threshold", 0, -1e12, 1e12)) : OptionalDouble.empty();
            p.done(List.of("budget", "threshold"));
            yield new MasterKeyFalsePositive(budget, th);
          }
          default -> throw unknownType(s, GOALS);
        };
    return g;
  }

  public static SearchMethod search(ComponentSpec s) {
    Params p = new Params(s);
    SearchMethod m =
        switch (s.type()) {
          case "single_shot" -> {
            int c = p.integer("candidates", 16, 1, 100_000);
            p.done(List.of("candidates"));
            yield new SingleShotSearch(c);
          }
          case "random" -> {
            int r = p.integer("rounds", 10, 1, 100_000);
            int b = p.integer("batch", 8, 1, 100_000);
            int d = p.integer("max_depth", 3, 1, 1_000);
            p.done(List.of("rounds", "batch", "max_depth"));
            yield new RandomSearch(r, b, d);
          }
          case "greedy" -> {
            int per = p.integer("per_step", 8, 1, 100_000);
            int steps = p.integer("max_steps", 20, 1, 100_000);
            boolean wir = p.bool("word_importance", false);
            p.done(List.of("per_step", "max_steps", "word_importance"));
            yield new GreedySearch(per, steps, wir);
          }
          case "beam" -> {
            int w = p.integer("width", 4, 1, 10_000);
            int per = p.integer("per_member", 8, 1, 100_000);
            int d = p.integer("max_depth", 4, 1, 1_000);
            p.done(List.of("width", "per_member", "max_depth"));
            yield new BeamSearch(w, per, d);
          }
          case "genetic" -> {
            int pop = p.integer("population", 8, 1, 10_000);
            int gens = p.integer("generations", 10, 1, 10_000);
            double mr = p.number("mutation_rate", 0.5, 0.0, 1.0);
            p.done(List.of("population", "generations", "mutation_rate"));
            yield new GeneticSearch(pop, gens, mr);
          }
          default -> throw unknownType(s, SEARCHES);
        };
    return m;
  }
}
