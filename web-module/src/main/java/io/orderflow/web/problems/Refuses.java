package io.orderflow.web.problems;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems a resource method may answer with, beside the 500 any may: the API description lists
 * them per status under the operation ({@code io.orderflow.web.ApiDescription}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refuses {
    ProblemType[] value();
}
