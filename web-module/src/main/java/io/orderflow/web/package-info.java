/**
 * The REST API ({@code /api}) and its description. Resources map requests to the EJB module's
 * services and their answers to views; they never touch JMS (ArchitectureTest), and nothing outside
 * this package imports it.
 */
package io.orderflow.web;
