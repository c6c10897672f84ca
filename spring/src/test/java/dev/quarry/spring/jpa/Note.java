package dev.quarry.spring.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A JPA entity, written by Hibernate beside Quarry's DAOs in the same Spring transactions. */
@Entity
@Table(name = "jpa_notes")
public class Note {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  private String body;

  protected Note() {}

  public Note(String body) {
    this.body = body;
  }

  public Long getId() {
    return id;
  }

  public String getBody() {
    return body;
  }
}
