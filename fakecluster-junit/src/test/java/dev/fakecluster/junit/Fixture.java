package dev.fakecluster.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a class of sample tests that only {@link EngineRun} runs: several fail on purpose, so run
 * any other way (an IDE, a {@code -Dtest} pattern) they are skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Fixture.OnlyInEngineRun.class)
@interface Fixture {

    /** The configuration parameter {@link EngineRun} sets. */
    String PARAMETER = "fakecluster.fixture";

    /** Enables the fixture when the parameter is set. */
    final class OnlyInEngineRun implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by EngineRun")
                    : ConditionEvaluationResult.disabled("a fixture: EngineRun runs it");
        }
    }
}
