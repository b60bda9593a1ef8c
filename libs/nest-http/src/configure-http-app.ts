import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { UnsafeInputPipe } from './unsafe-input.pipe.js';
import { validationProblem } from './validation-errors.js';

/** Validation, problem+json errors and Swagger UI, the same way for every route. */
export function configureHttpApp(app: INestApplication, title: string, description: string): void {
  app.useGlobalPipes(
    new UnsafeInputPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const document = new DocumentBuilder().setTitle(title).setDescription(description).setVersion('1.0').build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), { jsonDocumentUrl: 'docs-json' });
}
