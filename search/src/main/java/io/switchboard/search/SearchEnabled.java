package io.switchboard.search;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Search runs only where an Elasticsearch is named ({@code switchboard.search.elasticsearch-uri}): the
 * all-in-one launcher and tests that need no search leave it out, and then nothing of search starts.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(prefix = "switchboard.search", name = "elasticsearch-uri")
public @interface SearchEnabled {}
