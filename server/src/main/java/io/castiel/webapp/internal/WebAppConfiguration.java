package io.castiel.webapp.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The app's files. Resource handlers come after every controller, socket and Swagger UI mapping,
 * so only paths nothing else answers get here. First of the configurers, so that Spring Boot's
 * default {@code /**} handler (its static folders, which Castiel does not use) is not registered
 * over this one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebAppProperties.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebAppConfiguration implements WebMvcConfigurer {

    /** Vite names these files by their content's hash: a new build is new names, so they never change. */
    static final CacheControl ASSETS = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    /** index.html and the root's unhashed files: revalidated on each load, so a deployment shows at once. */
    static final CacheControl PAGES = CacheControl.noCache();

    private final WebApp app;

    WebAppConfiguration(WebApp app) {
        this.app = app;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // The build writes a .br and a .gz beside each large asset (web/vite.config.ts): served as
        // they are to browsers that accept them, compressed once at build time instead of per request.
        registry.addResourceHandler("/assets/**").addResourceLocations(app.location() + "assets/").setCacheControl(ASSETS)
                .resourceChain(true).addResolver(new EncodedResourceResolver()).addResolver(new PathResourceResolver());
        registry.addResourceHandler("/**").addResourceLocations(app.location()).setCacheControl(PAGES)
                .resourceChain(false).addResolver(new PageFallback(app));
    }

    /** A root file when there is one, else, for a page load, index.html: the app's router shows the deep link. */
    record PageFallback(WebApp app) implements ResourceResolver {

        @Override
        public Resource resolveResource(HttpServletRequest request, String requestPath, List<? extends Resource> locations,
                ResourceResolverChain chain) {
            Resource file = chain.resolveResource(request, requestPath, locations);
            if (file != null || request == null || !app.built() || !app.isPageLoad(request)) {
                return file;
            }
            return app.index();
        }

        @Override
        public String resolveUrlPath(String resourcePath, List<? extends Resource> locations, ResourceResolverChain chain) {
            return chain.resolveUrlPath(resourcePath, locations);
        }
    }
}
