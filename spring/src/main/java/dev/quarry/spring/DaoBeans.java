package dev.quarry.spring;

import dev.quarry.runtime.Database;
import java.beans.Introspector;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Registers a singleton bean for every DAO in {@code META-INF/quarry/daos}, built with
 * {@code new XDao(database)} on the application's {@link Database} bean, and created only after
 * the start-up schema check ({@link QuarryStartup}) has run. The bean is named like the class
 * ({@code articleDao}), or by its qualified name when two DAOs share a simple name. A DAO the
 * application already defines as a bean itself (under that name, or of that type under any
 * name) is left to it.
 */
final class DaoBeans implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware {
  private static final Log log = LogFactory.getLog(DaoBeans.class);

  private ClassLoader classLoader = DaoBeans.class.getClassLoader();

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    Set<String> simpleNames = new HashSet<>();
    for (String daoClass : QuarryDaos.read(classLoader)) {
      Class<?> dao = QuarryDaos.load(daoClass, classLoader);
      String name = simpleNames.add(dao.getSimpleName())
          ? Introspector.decapitalize(dao.getSimpleName())
          : dao.getName();
      if (registry.containsBeanDefinition(name) || definesOwn(registry, dao)) {
        log.debug("Quarry leaves the application's own bean in place of " + dao.getName());
        continue;
      }
      RootBeanDefinition bean = new RootBeanDefinition(dao);
      bean.getConstructorArgumentValues().addIndexedArgumentValue(0, new RuntimeBeanReference(Database.class));
      bean.setDependsOn(QuarryStartup.BEAN_NAME);
      registry.registerBeanDefinition(name, bean);
    }
  }

  /**
   * Whether the application defines a bean of this DAO type itself (a {@code @Bean} method of
   * any name): a second one would make injection by type ambiguous. Types are read from the
   * definitions, without creating any bean.
   */
  private static boolean definesOwn(BeanDefinitionRegistry registry, Class<?> dao) {
    return registry instanceof ListableBeanFactory beans && beans.getBeanNamesForType(dao, true, false).length > 0;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    // everything happens while definitions are registered
  }
}
