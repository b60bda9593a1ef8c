import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { hello } from '@cashflow/workflow-machine';

@Controller('health')
class H { @Get('live') live() { return { ok: hello(1) }; } }
@Module({ controllers: [H] })
class AppModule {}
const app = await NestFactory.create(AppModule);
SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, new DocumentBuilder().build()));
await app.listen(Number(process.env.PORT ?? 8000));
