import type { OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, unknown>;

const BODY_ID_NOTE =
  'Must name an existing record: take the id from a list or a create answer. A made-up UUID, ' +
  "such as Swagger UI's placeholder, answers 422.";

/**
 * Swagger UI fills every uuid field with the same placeholder, which names no record: executed
 * as is, it answers 422 (a body id) or 404 (a path id). Each id field in a request body says
 * so, in one place rather than on every DTO.
 */
export function addIdNotes(document: OpenAPIObject): void {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (!name.endsWith('Request')) continue;
    const properties = (schema as Json).properties as Record<string, Json> | undefined;
    for (const [field, property] of Object.entries(properties ?? {})) {
      if (!field.endsWith('Id') || property.format !== 'uuid') continue;
      const said = typeof property.description === 'string' ? `${property.description} ` : '';
      property.description = `${said}${BODY_ID_NOTE}`;
    }
  }
}
