package io.castiel.search.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * The chat model behind {@code POST /ask}, when {@code castiel.ai.chat.base-url} is set: any
 * server speaking OpenAI's chat completions API (OpenAI, Azure OpenAI's v1 endpoint, Ollama,
 * vLLM, llama.cpp), through LangChain4j.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "castiel.ai.chat", name = "base-url")
class ChatConfiguration {

    @Bean
    ChatModel chatModel(AiProperties properties) {
        AiProperties.Chat chat = properties.chat();
        RemoteAuth auth = RemoteAuth.of(chat.apiKey(), chat.apiKeyHeader(), chat.apiVersion());
        return OpenAiChatModel.builder()
                .baseUrl(chat.baseUrl())
                .apiKey(auth.bearerKey())
                .customHeaders(auth.headers())
                .customQueryParams(auth.queryParams())
                .modelName(chat.model() == null || chat.model().isBlank() ? "gpt-4o-mini" : chat.model())
                .temperature(chat.temperature())
                .maxTokens(chat.maxTokens())
                .timeout(chat.timeout())
                .maxRetries(1)
                .build();
    }
}
