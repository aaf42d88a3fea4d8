package io.switchboard.search.query;

/** A search request that cannot be answered as asked: answered with a 400 problem naming what is wrong. */
public class InvalidQueryException extends RuntimeException {

  public InvalidQueryException(String detail) {
    super(detail);
  }
}
