import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { UnsafeInputPipe } from './unsafe-input.pipe.js';
import { validationProblem } from './validation-errors.js';

export interface HttpAppOptions {
  /** Serve Swagger UI at /docs and the OpenAPI document at /docs-json (default true). */
  docs?: boolean;
  /** Adds to the OpenAPI document, e.g. its security schemes. */
  document?: (builder: DocumentBuilder) => DocumentBuilder;
}

/** Validation, problem+json errors and Swagger UI, the same way for every route. */
export function configureHttpApp(app: INestApplication, title: string, description: string, options: HttpAppOptions = {}): void {
  app.useGlobalPipes(
    new UnsafeInputPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  if (options.docs === false) return;
  const builder = new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1.0');
  const document = (options.document ? options.document(builder) : builder).build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), {
    jsonDocumentUrl: 'docs-json',
    // Keeps what was entered under Authorize across reloads of the page.
    swaggerOptions: { persistAuthorization: true },
  });
}
